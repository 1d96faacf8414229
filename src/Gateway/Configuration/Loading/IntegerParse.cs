namespace SmartCampus.Edge.Gateway.Configuration.Loading;

internal enum IntegerParse
{
    Valid,
    Invalid,
    TooLarge,
}
