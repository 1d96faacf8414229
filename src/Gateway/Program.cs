using SmartCampus.Edge.Gateway.CommandLine;

return await GatewayCommandLine.Build().Parse(args).InvokeAsync();
