using System.Diagnostics;
using System.Globalization;
using Passkeys.LoadGenerator;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
ThreadPool.SetMinThreads(64, 64);
var settings = Settings.Parse(args);
Directory.CreateDirectory(settings.WorkDirectory);
var report = new Report(settings);

if (settings.Build)
{
    foreach (var project in (string[])[.. ((string[])["PasskeysServer", "IdentityPasskeysServer", "MinimalFido2Server"]).Select(Paths.ServerProject), Paths.SampleProject])
    {
        Console.WriteLine($"Building {Path.GetFileNameWithoutExtension(project)} (Release)...");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", "-v", "q", "-nologo", project]) { UseShellExecute = false })!;
        await build.WaitForExitAsync();
        if (build.ExitCode != 0)
        {
            Console.Error.WriteLine($"Building {project} failed.");
            return 1;
        }
    }
}

var failed = false;
if (settings.LoginConcurrency.Length > 0)
{
    failed |= await Scenarios.HttpRoundsAsync(settings, report);
}

if (settings.Scale)
{
    failed |= await Scenarios.ScaleAsync(settings, report);
}

report.Write();
return failed ? 1 : 0;
