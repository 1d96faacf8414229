namespace SmartCampus.Edge.Gateway.Configuration.Resources;

/// <summary>Names of the entries in ConfigText.resx; a test checks that both languages define each of them.</summary>
internal static class MessageKeys
{
    // Whole file.
    public const string FileNotFound = nameof(FileNotFound);
    public const string FileUnreadable = nameof(FileUnreadable);
    public const string FileAccessDenied = nameof(FileAccessDenied);
    public const string FileIsDirectory = nameof(FileIsDirectory);
    public const string NotUtf8 = nameof(NotUtf8);
    public const string YamlSyntax = nameof(YamlSyntax);

    public const string YamlSyntaxUnreadable = nameof(YamlSyntaxUnreadable);
    public const string YamlSyntaxEmptyKey = nameof(YamlSyntaxEmptyKey);
    public const string YamlSyntaxTab = nameof(YamlSyntaxTab);
    public const string YamlSyntaxUnclosedQuote = nameof(YamlSyntaxUnclosedQuote);
    public const string YamlSyntaxEscape = nameof(YamlSyntaxEscape);
    public const string YamlSyntaxMissingColon = nameof(YamlSyntaxMissingColon);
    public const string YamlSyntaxColonInValue = nameof(YamlSyntaxColonInValue);
    public const string YamlSyntaxIndentation = nameof(YamlSyntaxIndentation);
    public const string YamlSyntaxFlow = nameof(YamlSyntaxFlow);
    public const string YamlSyntaxAnchor = nameof(YamlSyntaxAnchor);
    public const string YamlSyntaxReservedCharacter = nameof(YamlSyntaxReservedCharacter);
    public const string FileEmpty = nameof(FileEmpty);
    public const string RootNotMapping = nameof(RootNotMapping);
    public const string MultipleDocuments = nameof(MultipleDocuments);
    public const string DuplicateKey = nameof(DuplicateKey);

    // One value.
    public const string MissingKey = nameof(MissingKey);
    public const string MissingValue = nameof(MissingValue);
    public const string WrongValue = nameof(WrongValue);
    public const string WrongNode = nameof(WrongNode);
    public const string OutOfRange = nameof(OutOfRange);
    public const string InvalidChoice = nameof(InvalidChoice);
    public const string DurationWithoutUnit = nameof(DurationWithoutUnit);
    public const string InvalidDuration = nameof(InvalidDuration);
    public const string UnknownKey = nameof(UnknownKey);
    public const string UnknownKeySuggestion = nameof(UnknownKeySuggestion);
    public const string ListEmpty = nameof(ListEmpty);
    public const string FileNotFoundAtKey = nameof(FileNotFoundAtKey);
    public const string InvalidTopicPrefix = nameof(InvalidTopicPrefix);
    public const string ConsoleAddressInvalid = nameof(ConsoleAddressInvalid);
    public const string ConsoleCertificateWithoutKey = nameof(ConsoleCertificateWithoutKey);
    public const string ConsoleCertificateWithoutHttps = nameof(ConsoleCertificateWithoutHttps);

    // Ids.
    public const string InvalidId = nameof(InvalidId);
    public const string InvalidIdDot = nameof(InvalidIdDot);
    public const string InvalidSiteId = nameof(InvalidSiteId);
    public const string ReservedDeviceId = nameof(ReservedDeviceId);
    public const string DuplicateId = nameof(DuplicateId);
    public const string DuplicatePin = nameof(DuplicatePin);

    // Device kinds and transports.
    public const string SerialKeyOnTcp = nameof(SerialKeyOnTcp);
    public const string SerialPortOnTcp = nameof(SerialPortOnTcp);
    public const string TcpKeyOnSerial = nameof(TcpKeyOnSerial);
    public const string SerialPortPathInvalid = nameof(SerialPortPathInvalid);
    public const string BaudRateUnusual = nameof(BaudRateUnusual);
    public const string SerialSettingsMismatch = nameof(SerialSettingsMismatch);
    public const string DuplicateUnitId = nameof(DuplicateUnitId);
    public const string AddressSpanOverflow = nameof(AddressSpanOverflow);
    public const string InputOnlyKey = nameof(InputOnlyKey);
    public const string OutputOnlyKey = nameof(OutputOnlyKey);
    public const string PasswordAndPasswordFile = nameof(PasswordAndPasswordFile);
    public const string PasswordWithoutUsername = nameof(PasswordWithoutUsername);
    public const string EmbeddedBrokerHostNotAddress = nameof(EmbeddedBrokerHostNotAddress);
    public const string TlsKeyWithoutCertificate = nameof(TlsKeyWithoutCertificate);
    public const string TlsCertificateWithoutKey = nameof(TlsCertificateWithoutKey);
    public const string CampusBrokerKeyOfOtherMode = nameof(CampusBrokerKeyOfOtherMode);
    public const string ClientTlsKeyWithoutCertificate = nameof(ClientTlsKeyWithoutCertificate);
    public const string ClientTlsCertificateWithoutKey = nameof(ClientTlsCertificateWithoutKey);
    public const string ClientTlsFileWithoutTls = nameof(ClientTlsFileWithoutTls);
    public const string KeyFileUnreadable = nameof(KeyFileUnreadable);
    public const string CommandKeyNotBase64 = nameof(CommandKeyNotBase64);
    public const string CommandKeyTooShort = nameof(CommandKeyTooShort);
    public const string ListenAddressNotIp = nameof(ListenAddressNotIp);
    public const string ListenAddressTwice = nameof(ListenAddressTwice);
    public const string ListenWildcardWithOthers = nameof(ListenWildcardWithOthers);
    public const string HostNotListenAddress = nameof(HostNotListenAddress);

    // References.
    public const string InvalidPointReference = nameof(InvalidPointReference);
    public const string UnknownDevice = nameof(UnknownDevice);
    public const string UnknownDeviceSuggestion = nameof(UnknownDeviceSuggestion);
    public const string UnknownPoint = nameof(UnknownPoint);
    public const string ThresholdNeedsNumber = nameof(ThresholdNeedsNumber);
    public const string InputRuleNeedsGpioInput = nameof(InputRuleNeedsGpioInput);
    public const string SetOutputNeedsGpioOutput = nameof(SetOutputNeedsGpioOutput);
    public const string SmokeTripNeedsSimulatedInput = nameof(SmokeTripNeedsSimulatedInput);
    public const string NoticeTargetNotBoard = nameof(NoticeTargetNotBoard);
    public const string GateTargetUnknown = nameof(GateTargetUnknown);
    public const string PulseOnInput = nameof(PulseOnInput);
    public const string KeyOnBitTable = nameof(KeyOnBitTable);
    public const string SerialPortAndTunnel = nameof(SerialPortAndTunnel);
    public const string BitNeeds16BitType = nameof(BitNeeds16BitType);
    public const string StringNeedsLength = nameof(StringNeedsLength);
    public const string LengthNeedsString = nameof(LengthNeedsString);
    public const string StringOrderInvalid = nameof(StringOrderInvalid);
    public const string ThresholdOnTextPoint = nameof(ThresholdOnTextPoint);
    public const string ProfileNotFound = nameof(ProfileNotFound);
    public const string PointExceedsMaxRegisters = nameof(PointExceedsMaxRegisters);
    public const string ProfileUnreadable = nameof(ProfileUnreadable);
    public const string GateTargetNotGate = nameof(GateTargetNotGate);
    public const string NoticeTargetUnknown = nameof(NoticeTargetUnknown);

    // Rules.
    public const string ThresholdLimitMissing = nameof(ThresholdLimitMissing);
    public const string ThresholdBandNoClearRange = nameof(ThresholdBandNoClearRange);
    public const string ThresholdClearMissing = nameof(ThresholdClearMissing);
    public const string ThresholdClearWrongSide = nameof(ThresholdClearWrongSide);
    public const string ClearLimitNotBelow = nameof(ClearLimitNotBelow);
    public const string ClearLimitNotAbove = nameof(ClearLimitNotAbove);
    public const string ReconnectMaxBelowMin = nameof(ReconnectMaxBelowMin);
    public const string ThingsBoardNeedsAccessToken = nameof(ThingsBoardNeedsAccessToken);
    public const string ThingsBoardIgnoredKey = nameof(ThingsBoardIgnoredKey);
    public const string ThingsBoardOnlyKey = nameof(ThingsBoardOnlyKey);
    public const string ActionKindMissing = nameof(ActionKindMissing);
    public const string ActionKindMultiple = nameof(ActionKindMultiple);

    // Rules: calendar, schedules, patterns, kinds and actions read since the rule engine gained them.
    public const string CalendarTimeZoneUnknown = nameof(CalendarTimeZoneUnknown);
    public const string CalendarDateInvalid = nameof(CalendarDateInvalid);
    public const string CalendarRangeReversed = nameof(CalendarRangeReversed);
    public const string TimeWindowInvalid = nameof(TimeWindowInvalid);
    public const string LessonCrossesMidnight = nameof(LessonCrossesMidnight);
    public const string ArmedWithoutCalendar = nameof(ArmedWithoutCalendar);
    public const string PointPatternInvalid = nameof(PointPatternInvalid);
    public const string PointPatternNoMatch = nameof(PointPatternNoMatch);
    public const string RuleDeviceUnknown = nameof(RuleDeviceUnknown);
    public const string RuleDeviceUnknownSuggestion = nameof(RuleDeviceUnknownSuggestion);
    public const string StateTriggerMissing = nameof(StateTriggerMissing);
    public const string StateTriggerMultiple = nameof(StateTriggerMultiple);
    public const string StateChangesFalse = nameof(StateChangesFalse);
    public const string StateClearAfterOnEquals = nameof(StateClearAfterOnEquals);
    public const string StateEqualsNeedsBoolean = nameof(StateEqualsNeedsBoolean);
    public const string StateEqualsNeedsNumber = nameof(StateEqualsNeedsNumber);
    public const string CombinationRuleUnknown = nameof(CombinationRuleUnknown);
    public const string CombinationNotPattern = nameof(CombinationNotPattern);
    public const string CombinationNotNeedsOne = nameof(CombinationNotNeedsOne);
    public const string ClearAlarmRuleUnknown = nameof(ClearAlarmRuleUnknown);
    public const string WritePointToInput = nameof(WritePointToInput);
    public const string PublishTopicInvalid = nameof(PublishTopicInvalid);
    public const string NoticeSelectionNoKey = nameof(NoticeSelectionNoKey);
    public const string NoticeSelectionEmpty = nameof(NoticeSelectionEmpty);
    public const string SetOutputValueOutOfRange = nameof(SetOutputValueOutOfRange);
    public const string SetOutputSafeValueMissing = nameof(SetOutputSafeValueMissing);
    public const string EscapeLockNotOutput = nameof(EscapeLockNotOutput);
    public const string EscapeLockSafeStateLocked = nameof(EscapeLockSafeStateLocked);
    public const string EscapeLockSafeValueLocked = nameof(EscapeLockSafeValueLocked);
    public const string CoilOnlySafeState = nameof(CoilOnlySafeState);

    // Fragments that the messages above embed.
    public const string ExpectText = nameof(ExpectText);
    public const string ExpectHost = nameof(ExpectHost);
    public const string ExpectPassword = nameof(ExpectPassword);
    public const string ExpectPath = nameof(ExpectPath);
    public const string ExpectIntegerRange = nameof(ExpectIntegerRange);
    public const string ExpectNumber = nameof(ExpectNumber);
    public const string ExpectNonZeroNumber = nameof(ExpectNonZeroNumber);
    public const string ExpectNonNegativeNumber = nameof(ExpectNonNegativeNumber);
    public const string ExpectBoolean = nameof(ExpectBoolean);
    public const string ExpectDuration = nameof(ExpectDuration);
    public const string ExpectDurationRange = nameof(ExpectDurationRange);
    public const string ExpectChoice = nameof(ExpectChoice);
    public const string ExpectList = nameof(ExpectList);
    public const string ExpectMapping = nameof(ExpectMapping);
    public const string ExpectId = nameof(ExpectId);
    public const string ExpectSiteId = nameof(ExpectSiteId);
    public const string ExpectPointId = nameof(ExpectPointId);
    public const string ExpectBoardTarget = nameof(ExpectBoardTarget);
    public const string FoundList = nameof(FoundList);
    public const string FoundMapping = nameof(FoundMapping);
    public const string FoundScalar = nameof(FoundScalar);
    public const string NoneListed = nameof(NoneListed);

    // Report.
    public const string SummaryValid = nameof(SummaryValid);
    public const string SummaryOneProblem = nameof(SummaryOneProblem);
    public const string SummaryProblems = nameof(SummaryProblems);
    public const string ReportDevice = nameof(ReportDevice);
    public const string ReportDeviceProfile = nameof(ReportDeviceProfile);
    public const string ReportProfile = nameof(ReportProfile);
    public const string ReportPartialStart = nameof(ReportPartialStart);
    public const string ReportPartialStartChosen = nameof(ReportPartialStartChosen);
    public const string SecretFileReadableByOthers = nameof(SecretFileReadableByOthers);
    public const string RaiseAlarmNameIsRule = nameof(RaiseAlarmNameIsRule);
    public const string RaiseAlarmConflict = nameof(RaiseAlarmConflict);
    public const string RuleIdIsNamedAlarm = nameof(RuleIdIsNamedAlarm);
    public const string HostNotIpv4 = nameof(HostNotIpv4);
    public const string YamlSyntaxFullWidthColon = nameof(YamlSyntaxFullWidthColon);
    public const string ModbusRegisterNumberAddress = nameof(ModbusRegisterNumberAddress);
    public const string ModbusPointsOverlap = nameof(ModbusPointsOverlap);
    public const string HostWithPort = nameof(HostWithPort);
    public const string HostNotIpv6 = nameof(HostNotIpv6);
    public const string HostFullWidth = nameof(HostFullWidth);
    public const string HostFullWidthWithPort = nameof(HostFullWidthWithPort);
    public const string HostIpv6Unquoted = nameof(HostIpv6Unquoted);
    public const string HostIpv6LongGroup = nameof(HostIpv6LongGroup);
    public const string HostIpv6DoubleColons = nameof(HostIpv6DoubleColons);
    public const string EmptyOptionalValue = nameof(EmptyOptionalValue);
    public const string ModbusAddressSixDigitRegister = nameof(ModbusAddressSixDigitRegister);
    public const string ReportPartialRules = nameof(ReportPartialRules);
    public const string ReportPartialActions = nameof(ReportPartialActions);
}
