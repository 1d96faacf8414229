namespace SmartCampus.Edge.Gateway.Configuration;

/// <summary>Class of a configuration problem, independent of the message language.</summary>
public enum ConfigurationProblemKind
{
    /// <summary>The configuration file or a file it names does not exist.</summary>
    FileNotFound,

    /// <summary>The configuration file exists but cannot be read (permissions, I/O error).</summary>
    FileUnreadable,

    /// <summary>The text is not valid YAML (indentation, quotes, brackets, tabs).</summary>
    SyntaxError,

    /// <summary>The file has no content besides comments.</summary>
    EmptyFile,

    /// <summary>The file is valid YAML but not one mapping of sections.</summary>
    NotAMapping,

    /// <summary>A key appears twice in one mapping.</summary>
    DuplicateKey,

    /// <summary>A required key is absent.</summary>
    MissingKey,

    /// <summary>A required key is present without a value.</summary>
    MissingValue,

    /// <summary>The value has the wrong shape or type, for example text where a number or a list is expected.</summary>
    WrongType,

    /// <summary>A number or duration outside its allowed range.</summary>
    OutOfRange,

    /// <summary>A value outside a fixed set of choices, or text in the wrong format.</summary>
    InvalidValue,

    /// <summary>A duration without a unit or in an unknown format.</summary>
    InvalidDuration,

    /// <summary>A key that does not belong where it is written.</summary>
    UnknownKey,

    /// <summary>A device kind that the gateway does not support yet.</summary>
    UnsupportedKind,

    /// <summary>An id with characters outside the allowed set, or a reserved id.</summary>
    InvalidId,

    /// <summary>An id or a GPIO pin used twice.</summary>
    DuplicateId,

    /// <summary>A reference to a device or point that does not exist.</summary>
    UnknownReference,

    /// <summary>A reference to something of the wrong kind, for example setOutput on an input point.</summary>
    WrongReference,

    /// <summary>Keys that contradict each other or are missing their partner, for example clearBelow above the limit.</summary>
    InvalidCombination,
}
