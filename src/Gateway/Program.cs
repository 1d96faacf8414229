using SmartCampus.Edge.Gateway.CommandLine;

return await GatewayCommandLine.InvokeAsync(args, Console.Error);
