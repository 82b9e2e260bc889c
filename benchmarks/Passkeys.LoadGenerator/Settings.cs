using System.Globalization;

namespace Passkeys.LoadGenerator;

/// <summary>The run's settings from the command line: <c>--smoke</c>, <c>--quick</c> (default) or <c>--full</c>, and switches.</summary>
internal sealed class Settings
{
    public string Mode { get; private set; } = "quick";

    public int[] LoginConcurrency { get; private set; } = [1, 8, 32];

    public int RegistrationConcurrency { get; private set; } = 8;

    public int Rounds { get; private set; } = 3;

    public TimeSpan RoundDuration { get; private set; } = TimeSpan.FromSeconds(3);

    public bool Build { get; private set; } = true;

    public bool Scale { get; private set; } = true;

    public int[] ScaleSizes { get; private set; } = [10_000, 100_000, 1_000_000];

    public bool Memory { get; private set; } = true;

    public int AbandonedCeremonies { get; private set; } = 100_000;

    public string? Postgres { get; private set; }

    public bool Variants { get; private set; }

    /// <summary>Whether to add servers that differ from ours only in GC settings, to see what the memory is.</summary>
    public bool GcVariants { get; private set; }

    /// <summary>
    /// Whether the clients' passkeys are device-bound (a sign count that grows with every use, no backup) instead
    /// of synced (count always zero, backed up), as iCloud Keychain, Google Password Manager and most password
    /// managers make them.
    /// </summary>
    public bool DeviceBound { get; private set; }

    public string WorkDirectory { get; private set; } = Path.Combine(Path.GetTempPath(), "passkeys-loadgen");

    public static Settings Parse(string[] args)
    {
        var settings = new Settings();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    settings.Mode = "smoke";
                    settings.LoginConcurrency = [1, 8];
                    settings.RegistrationConcurrency = 2;
                    settings.Rounds = 1;
                    settings.RoundDuration = TimeSpan.FromSeconds(1);
                    settings.Scale = false;
                    settings.Memory = false;
                    break;
                case "--quick":
                    settings.Mode = "quick";
                    break;
                case "--full":
                    settings.Mode = "full";
                    settings.Rounds = 5;
                    settings.RoundDuration = TimeSpan.FromSeconds(6);
                    break;
                case "--rounds":
                    settings.Rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--seconds":
                    settings.RoundDuration = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--no-build":
                    settings.Build = false;
                    break;
                case "--no-scale":
                    settings.Scale = false;
                    break;
                case "--scale-only":
                    settings.Mode = "scale";
                    settings.LoginConcurrency = [];
                    settings.Memory = false;
                    break;
                case "--scale-sizes":
                    settings.ScaleSizes = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                case "--no-memory":
                    settings.Memory = false;
                    break;
                case "--abandoned":
                    settings.AbandonedCeremonies = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--variants":
                    settings.Variants = true;
                    break;
                case "--gc-variants":
                    settings.GcVariants = true;
                    break;
                case "--device-bound":
                    settings.DeviceBound = true;
                    break;
                case "--levels":
                    settings.LoginConcurrency = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                case "--postgres":
                    settings.Postgres = args[++i];
                    break;
                case "--work":
                    settings.WorkDirectory = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use --smoke, --quick or --full, and --no-build, --no-scale, --scale-only, --scale-sizes 10000,100000, --no-memory, --abandoned N, --variants, --gc-variants, --device-bound, --levels 1,8,32, --rounds N, --seconds S, --postgres \"<connection string>\", --work <dir>.");
            }
        }

        return settings;
    }
}
