using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>Reads the text of a notice in both languages of the product, zh-CN and en; both are required.</summary>
internal static class NoticeTextReader
{
    public const string Example = "{zh-CN: 请开窗通风。, en: Please open the windows.}";

    public static readonly NoticeText Empty = new() { ZhCn = string.Empty, En = string.Empty };

    public static NoticeText Read(MappingReader text)
    {
        var chinese = text.Key("zh-CN").RequiredText("请开窗通风。");
        var english = text.Key("en").RequiredText("Please open the windows.");
        text.ReportUnknownKeys();

        return new NoticeText { ZhCn = chinese ?? string.Empty, En = english ?? string.Empty };
    }
}
