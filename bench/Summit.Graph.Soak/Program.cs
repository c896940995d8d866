using Summit.Graph.Soak;

return await SoakRun.RunAsync(SoakOptions.Parse(args));
