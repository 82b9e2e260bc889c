using System.Globalization;
using Npgsql;
using Passkeys.Testing;

namespace Passkeys.LoadGenerator;

/// <summary>The runs: login and registration rounds against every server, memory, database commands, scale.</summary>
internal static class Scenarios
{
    private const string Ours = "Passkeys (SQLite)";
    private const string Identity = "Identity 10 (SQLite)";
    private const string Minimal = "Minimal Fido2 (memory)";
    private const string Sample = "Passkeys sample site (samples/DemoSite, SQLite)";

    public static async Task<bool> HttpRoundsAsync(Settings settings, Report report)
    {
        var work = settings.WorkDirectory;
        var servers = new List<ServerProcess>();
        try
        {
            // Ours as the sample site runs on SQLite: EF Core, pooled context, WAL interceptor, ceremonies in memory
            // (one process; see samples/DemoSite/Program.cs).
            servers.Add(await ServerProcess.StartAsync(Ours, "PasskeysServer", work,
                "--Reset", "true", "--Pool", "true", "--MemoryCeremonies", "true", "--ConnectionString", $"Data Source={Path.Combine(work, "passkeys.db")}",
                "--SweepSeconds", "10", "--CeremonyTimeoutSeconds", "30"));
            servers.Add(await ServerProcess.StartAsync(Identity, "IdentityPasskeysServer", work,
                "--Reset", "true", "--ConnectionString", $"Data Source={Path.Combine(work, "identity.db")}"));
            servers.Add(await ServerProcess.StartAsync(Minimal, "MinimalFido2Server", work));

            // The sample site itself, unchanged, on its default SQLite set-up; only the rate limit is lifted.
            var sampleDatabase = Path.Combine(work, "demosite.db");
            foreach (var file in new[] { sampleDatabase, sampleDatabase + "-wal", sampleDatabase + "-shm" }.Where(File.Exists))
            {
                File.Delete(file);
            }

            servers.Add(await ServerProcess.StartSampleAsync(Sample, work,
                "--ConnectionStrings:Passkeys", $"Data Source={sampleDatabase}", "--Passkeys:RateLimitPermitLimit", "100000000",
                "--Email:PickupDirectory", Path.Combine(work, "mail"), "--Logging:LogLevel:Default", "Warning"));
            if (settings.Variants)
            {
                // Not part of the comparison: they split the Passkeys server's cost between the database layer and the
                // rest, and show the library's cluster default (ceremonies in the shared table) and the explicit
                // synchronous=NORMAL option.
                servers.Add(await ServerProcess.StartAsync("Passkeys (in-memory stores)", "PasskeysServer", work, "--Db", "memory"));
                servers.Add(await ServerProcess.StartAsync("Passkeys (SQLite, ceremonies in the database)", "PasskeysServer", work,
                    "--Reset", "true", "--Pool", "true", "--ConnectionString", $"Data Source={Path.Combine(work, "passkeys-db-ceremonies.db")}",
                    "--SweepSeconds", "10", "--CeremonyTimeoutSeconds", "30"));
                servers.Add(await ServerProcess.StartAsync("Passkeys (SQLite, ceremonies in the database, synchronous=NORMAL)", "PasskeysServer", work,
                    "--Reset", "true", "--Pool", "true", "--Synchronous", "Normal",
                    "--ConnectionString", $"Data Source={Path.Combine(work, "passkeys-db-ceremonies-normal.db")}",
                    "--SweepSeconds", "10", "--CeremonyTimeoutSeconds", "30"));
                servers.Add(await ServerProcess.StartAsync("Passkeys (SQLite, synchronous=NORMAL)", "PasskeysServer", work,
                    "--Reset", "true", "--Pool", "true", "--MemoryCeremonies", "true", "--Synchronous", "Normal",
                    "--ConnectionString", $"Data Source={Path.Combine(work, "passkeys-normal.db")}",
                    "--SweepSeconds", "10", "--CeremonyTimeoutSeconds", "30"));
            }

            if (settings.GcVariants)
            {
                // Ours with other runtime settings: the GC heap is a small part of the RSS; native memory (code, glibc arenas) is most.
                foreach (var (name, environment) in (IEnumerable<(string, Dictionary<string, string>)>)[
                    ("Passkeys (SQLite, workstation GC)", new() { ["DOTNET_gcServer"] = "0" }),
                    ("Passkeys (SQLite, glibc MALLOC_ARENA_MAX=2)", new() { ["MALLOC_ARENA_MAX"] = "2" }),
                    ("Passkeys (SQLite, TieredPGO off)", new() { ["DOTNET_TieredPGO"] = "0" }),
                    ("Passkeys (SQLite, workstation GC, MALLOC_ARENA_MAX=2, TieredPGO off)",
                        new() { ["DOTNET_gcServer"] = "0", ["MALLOC_ARENA_MAX"] = "2", ["DOTNET_TieredPGO"] = "0" }),
                ])
                {
                    servers.Add(await ServerProcess.StartAsync(name, "PasskeysServer", work, environment,
                        "--Reset", "true", "--Pool", "true", "--ConnectionString", $"Data Source={Path.Combine(work, $"passkeys-gc-{servers.Count}.db")}",
                        "--SweepSeconds", "10", "--CeremonyTimeoutSeconds", "30"));
                }
            }

            if (settings.Postgres is { } postgres)
            {
                servers.Add(await ServerProcess.StartAsync("Passkeys (PostgreSQL)", "PasskeysServer", work,
                    "--Reset", "true", "--Db", "postgres", "--ConnectionString", postgres, "--SweepSeconds", "10", "--CeremonyTimeoutSeconds", "30"));
            }

            // Each server gets its own browsers, each with one user signed up through the HTTP contract.
            var maxClients = settings.LoginConcurrency.Max();
            var clients = new Dictionary<ServerProcess, List<BrowserClient>>();
            var failed = false;
            foreach (var server in servers)
            {
                clients[server] = [.. Enumerable.Range(0, maxClients).Select(_ => new BrowserClient(server.Origin, settings.DeviceBound))];
                var seeded = await Rounds.RunAsync(server, clients[server], TimeSpan.Zero,
                    (client, n) => n == 0 ? client.RegisterAsync($"seed-{Guid.NewGuid():N}", keep: true) : Task.FromResult<double?>(null), fixedCount: maxClients);
                if (clients[server].Any(c => c.AuthenticatorCount == 0))
                {
                    report.Line($"**{server.Name}: seeding users failed: {seeded.LastError}**");
                    return true;
                }

                await WarmUpAsync(settings, server, clients[server]);
            }

            report.Line("## Logins over HTTP (options, sign, verify), server CPU from /proc");
            report.Line();
            report.Line("Latency is the two HTTP exchanges of a login as the client sees them (signing excluded). CPU is the server process's");
            report.Line("utime+stime over the round divided by completed logins. Ratios: *Identity ÷ this* (times less CPU than Identity 10) and");
            report.Line("*this ÷ minimal* (times the CPU of the hand-written in-memory Fido2 endpoint).");
            report.Line();
            var loginResults = new Dictionary<int, Dictionary<string, RoundResult>>();
            foreach (var concurrency in settings.LoginConcurrency)
            {
                loginResults[concurrency] = await AlternateAsync(servers, settings, (server, _) => Rounds.RunAsync(
                    server, clients[server].Take(concurrency).ToList(), settings.RoundDuration, (c, _) => c.LoginAsync()));
                Table(report, $"{concurrency} concurrent", "logins", loginResults[concurrency]);
                failed |= loginResults[concurrency].Values.Any(r => r.Failures > 0 || r.Operations == 0);
            }

            report.Line($"## Registrations over HTTP ({settings.RegistrationConcurrency} concurrent: options, create, verify; each a new user)");
            report.Line();
            var registrations = await AlternateAsync(servers, settings, (server, round) => Rounds.RunAsync(
                server, clients[server].Take(settings.RegistrationConcurrency).ToList(), settings.RoundDuration,
                (c, n) => c.RegisterAsync($"r{round}-{Guid.NewGuid():N}", keep: false)));
            Table(report, $"{settings.RegistrationConcurrency} concurrent", "registrations", registrations);
            failed |= registrations.Values.Any(r => r.Failures > 0 || r.Operations == 0);

            report.Line("## Memory of every server after the rounds (VmHWM and VmRSS from /proc)");
            report.Line();
            report.Line("| Server | peak RSS MiB | RSS now MiB | GC committed now MiB |");
            report.Line("|---|---:|---:|---:|");
            foreach (var server in servers)
            {
                var (rss, serverPeak) = server.Memory();
                var gc = (await Rounds.StatsAsync(server)).GcCommittedBytes;
                report.Line(string.Create(CultureInfo.InvariantCulture, $"| {server.Name} | {serverPeak:0} | {rss:0} | {(gc < 0 ? "n/a" : (gc / 1048576.0).ToString("0", CultureInfo.InvariantCulture))} |"));
            }

            report.Line();
            var ours = servers[0];
            var peak = ours.Memory().Peak;
            var memory = settings.Memory ? await AbandonedCeremoniesAsync(settings, report, ours, clients[ours]) : null;
            Goals(report, settings, loginResults, registrations, peak, memory);

            foreach (var list in clients.Values)
            {
                list.ForEach(c => c.Dispose());
            }

            if (settings.Mode != "smoke")
            {
                await CommandsAsync(settings, report);
            }

            return failed;
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    public static async Task<bool> ScaleAsync(Settings settings, Report report)
    {
        var work = settings.WorkDirectory;
        var failed = await ScaleTableAsync(settings, report, "SQLite", async (size, owned) =>
        {
            var path = Path.Combine(work, $"scale-{size}.db");
            await ScaleSeeder.SeedSqliteAsync(path, size, owned);
            return (new FileInfo(path).Length / 1048576.0, ["--ConnectionString", $"Data Source={path}"]);
        });
        if (settings.Postgres is { } postgres)
        {
            failed |= await ScalePostgresAsync(settings, report, postgres);
        }

        return failed;
    }

    // One database per size beside the given one (the role needs CREATEDB), dropped again through the given one.
    private static async Task<bool> ScalePostgresAsync(Settings settings, Report report, string postgres)
    {
        var databases = new List<string>();
        try
        {
            return await ScaleTableAsync(settings, report, "PostgreSQL", async (size, owned) =>
            {
                var builder = new NpgsqlConnectionStringBuilder(postgres);
                builder.Database = $"{builder.Database ?? builder.Username}_scale_{size}";
                databases.Add(builder.Database);
                await ScaleSeeder.SeedPostgresAsync(builder.ConnectionString, size, owned);
                return (await ScaleSeeder.PostgresMiBAsync(builder.ConnectionString), ["--Db", "postgres", "--ConnectionString", builder.ConnectionString]);
            });
        }
        finally
        {
            await ScaleSeeder.DropPostgresAsync(postgres, databases);
        }
    }

    // Seeds a database per size (seed returns its size in MiB and the server's arguments for it), starts a pooled
    // server on each, and measures logins on all of them in alternating rounds.
    private static async Task<bool> ScaleTableAsync(Settings settings, Report report, string store,
        Func<int, IReadOnlyList<SoftwareAuthenticator>, Task<(double MiB, string[] ServerArgs)>> seed)
    {
        var work = settings.WorkDirectory;
        var servers = new List<ServerProcess>();
        const int Owned = 256;
        const int Concurrency = 8;
        try
        {
            report.Line($"## Scale: login latency by stored credentials ({store}, {Concurrency} concurrent)");
            report.Line();
            var clients = new Dictionary<ServerProcess, List<BrowserClient>>();
            foreach (var size in settings.ScaleSizes)
            {
                // The RP id is 'localhost' whatever the port; the origin only needs to be right at sign-in time.
                var started = DateTime.UtcNow;
                var placeholder = ScaleSeeder.CreateOwnedAuthenticators("http://localhost", Owned);
                var (mib, serverArgs) = await seed(size, placeholder);
                var server = await ServerProcess.StartAsync($"{size:N0} credentials", "PasskeysServer", work, ["--Pool", "true", .. serverArgs]);
                servers.Add(server);
                foreach (var authenticator in placeholder)
                {
                    authenticator.Origin = server.Origin;
                }

                clients[server] = [.. Enumerable.Range(0, Concurrency).Select(_ => new BrowserClient(server.Origin, settings.DeviceBound))];
                for (var i = 0; i < placeholder.Count; i++)
                {
                    clients[server][i % Concurrency].Hold(placeholder[i]);
                }

                report.Line($"- seeded {size:N0} users and credentials ({Owned} with keys the clients hold) in {(DateTime.UtcNow - started).TotalSeconds:0} s, {mib:0} MiB");
                await Rounds.RunAsync(server, clients[server], TimeSpan.FromSeconds(settings.Mode == "smoke" ? 1 : 6), (c, _) => c.LoginAsync());
            }

            report.Line();
            var results = await AlternateAsync(servers, settings, (server, _) => Rounds.RunAsync(server, clients[server], settings.RoundDuration, (c, _) => c.LoginAsync()));
            report.Line("| Stored credentials | logins | CPU ms/login | p50 ms | p95 ms | p99 ms | failures | p95 ÷ smallest |");
            report.Line("|---|---:|---:|---:|---:|---:|---:|---:|");
            var smallest = results[servers[0].Name].Percentile(95);
            foreach (var server in servers)
            {
                var r = results[server.Name];
                report.Line($"| {server.Name} | {r.Operations} | {r.CpuMsPerOperation:0.00} | {r.Percentile(50):0.0} | {r.Percentile(95):0.0} | {r.Percentile(99):0.0} | {r.Failures} | {r.Percentile(95) / smallest:0.00} |");
            }

            report.Line();
            var largest = results[servers[^1].Name].Percentile(95);
            report.Line($"Goal: p95 at {settings.ScaleSizes[^1]:N0} within 1.2 × of {settings.ScaleSizes[0]:N0}: measured {largest / smallest:0.00} × → **{(largest / smallest <= 1.2 ? "met" : "not met")}**.");
            report.Line();
            foreach (var list in clients.Values)
            {
                list.ForEach(c => c.Dispose());
            }

            return results.Values.Any(r => r.Failures > 0 || r.Operations == 0);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    // Rounds alternate: round 1 goes A, B, C; round 2 C, B, A; and so on, so drifting load hits every server alike.
    private static async Task<Dictionary<string, RoundResult>> AlternateAsync(List<ServerProcess> servers, Settings settings, Func<ServerProcess, int, Task<RoundResult>> round)
    {
        var totals = servers.ToDictionary(s => s.Name, _ => new RoundResult());
        for (var r = 0; r < settings.Rounds; r++)
        {
            var order = r % 2 == 0 ? servers : Enumerable.Reverse(servers).ToList();
            foreach (var server in order)
            {
                var result = await round(server, r);
                totals[server.Name].Add(result);
                Console.WriteLine($"  round {r + 1} {server.Name}: {result.Operations} ok, {result.Failures} failed, {result.CpuMsPerOperation:0.000} ms CPU/op, p99 {result.Percentile(99):0.0} ms{(result.LastError is null ? "" : " last error: " + result.LastError)}");
            }
        }

        return totals;
    }

    private static void Table(Report report, string title, string what, Dictionary<string, RoundResult> results)
    {
        var identity = results.GetValueOrDefault(Identity);
        var minimal = results.GetValueOrDefault(Minimal);
        report.Line($"### {title}");
        report.Line();
        report.Line($"| Server | {what} | per s | CPU ms/op | KiB alloc/op | p50 ms | p95 ms | p99 ms | failures | Identity ÷ this (CPU) | this ÷ minimal (CPU) |");
        report.Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, r) in results)
        {
            var vsIdentity = identity is null ? double.NaN : identity.CpuMsPerOperation / r.CpuMsPerOperation;
            var vsMinimal = minimal is null ? double.NaN : r.CpuMsPerOperation / minimal.CpuMsPerOperation;
            report.Line($"| {name} | {r.Operations} | {r.Throughput:0} | {r.CpuMsPerOperation:0.000} | {(double.IsNaN(r.KiBPerOperation) ? "n/a" : r.KiBPerOperation.ToString("0.0", CultureInfo.InvariantCulture))} | {r.Percentile(50):0.0} | {r.Percentile(95):0.0} | {r.Percentile(99):0.0} | {r.Failures} | {vsIdentity:0.00} | {vsMinimal:0.00} |");
        }

        report.Line();
        if (results.Values.FirstOrDefault(r => r.LastError is not null) is { } failing)
        {
            report.Line($"Last failure: `{failing.LastError}`");
            report.Line();
        }
    }

    // Logins and registrations until the JIT has settled (tiered compilation re-compiles hot methods in the
    // background for a while; a round measured before that pays for compiling, not for serving), at most 40 s.
    private static async Task WarmUpAsync(Settings settings, ServerProcess server, List<BrowserClient> clients)
    {
        var smoke = settings.Mode == "smoke";
        var started = DateTime.UtcNow;
        long compiled;
        do
        {
            var before = (await Rounds.StatsAsync(server)).JitMethods;
            await Rounds.RunAsync(server, clients.Take(8).ToList(), TimeSpan.FromSeconds(smoke ? 0.5 : 1.5), (c, _) => c.LoginAsync());
            await Rounds.RunAsync(server, clients.Take(4).ToList(), TimeSpan.FromSeconds(0.5), (c, _) => c.RegisterAsync($"warm-{Guid.NewGuid():N}", keep: false));
            compiled = (await Rounds.StatsAsync(server)).JitMethods - before;
        }
        // Without /bench/stats (the sample site) there is no JIT count to watch: 20 s, about as long as the others take.
        while (!smoke && (!server.HasStats || compiled > 10) && DateTime.UtcNow - started < TimeSpan.FromSeconds(server.HasStats ? 40 : 20));

        Console.WriteLine($"  {server.Name}: warmed up in {(DateTime.UtcNow - started).TotalSeconds:0} s, {compiled} methods compiled in the last 2 s");
    }

    private static async Task<MemoryResult> AbandonedCeremoniesAsync(Settings settings, Report report, ServerProcess server, List<BrowserClient> clients)
    {
        var before = server.Memory();
        var statsBefore = await Rounds.StatsAsync(server);
        var result = await Rounds.RunAsync(server, clients, TimeSpan.Zero, (c, _) => c.AbandonAsync(), fixedCount: settings.AbandonedCeremonies);
        var after = server.Memory();
        var statsAfter = await Rounds.StatsAsync(server);

        // Ceremonies expire after 30 s here and the sweeper runs every 10 s.
        await Task.Delay(TimeSpan.FromSeconds(45));
        var swept = server.Memory();
        var statsSwept = await Rounds.StatsAsync(server);
        report.Line($"## Memory of the Passkeys server (SQLite) and {settings.AbandonedCeremonies:N0} abandoned ceremonies");
        report.Line();
        report.Line("| | RSS MiB | peak RSS (VmHWM) MiB | ceremonies held |");
        report.Line("|---|---:|---:|---:|");
        report.Line($"| after the login and registration rounds | {before.Rss:0} | {before.Peak:0} | {statsBefore.Ceremonies} |");
        report.Line($"| after {result.Operations:N0} options calls never completed ({result.Operations / result.Elapsed.TotalSeconds:0}/s, {result.CpuMsPerOperation:0.000} ms CPU each) | {after.Rss:0} | {after.Peak:0} | {statsAfter.Ceremonies} |");
        report.Line($"| 45 s later (ceremony timeout 30 s, sweep every 10 s) | {swept.Rss:0} | {swept.Peak:0} | {statsSwept.Ceremonies} |");
        report.Line();
        return new MemoryResult(before.Rss, after.Rss, swept.Rss, Math.Max(before.Peak, swept.Peak), statsAfter.Ceremonies, statsSwept.Ceremonies);
    }

    private static void Goals(Report report, Settings settings, Dictionary<int, Dictionary<string, RoundResult>> logins, Dictionary<string, RoundResult> registrations, double peakAfterLoad, MemoryResult? memory)
    {
        var top = logins[settings.LoginConcurrency.Max()];
        var ours = top[Ours];
        var goals = new List<(string Goal, string Measured, bool Met)>
        {
            ($"login CPU at {settings.LoginConcurrency.Max()} concurrent ≥ 6 × lower than Identity 10", $"{top[Identity].CpuMsPerOperation / ours.CpuMsPerOperation:0.00} ×", top[Identity].CpuMsPerOperation / ours.CpuMsPerOperation >= 6),
            ("login CPU within 1.5 × of the minimal Fido2 app", $"{ours.CpuMsPerOperation / top[Minimal].CpuMsPerOperation:0.00} ×", ours.CpuMsPerOperation / top[Minimal].CpuMsPerOperation <= 1.5),
            ($"login p99 < 30 ms at {settings.LoginConcurrency.Max()} concurrent", $"{ours.Percentile(99):0.0} ms", ours.Percentile(99) < 30),
            ("registration CPU ≥ 6 × lower than Identity 10", $"{registrations[Identity].CpuMsPerOperation / registrations[Ours].CpuMsPerOperation:0.00} ×", registrations[Identity].CpuMsPerOperation / registrations[Ours].CpuMsPerOperation >= 6),
            ("peak RSS under load < 150 MiB", $"{peakAfterLoad:0} MiB", peakAfterLoad < 150),
        };
        if (memory is not null)
        {
            goals.Add(("abandoned ceremonies swept, RSS flat", $"rows {memory.CeremoniesAfter:N0} → {memory.CeremoniesSwept:N0}; RSS {memory.RssBefore:0} → {memory.RssAfter:0} → {memory.RssSwept:0} MiB; peak {memory.Peak:0} MiB",
                memory.CeremoniesSwept == 0 && memory.Peak < 150 && memory.RssSwept <= memory.RssBefore * 1.25));
        }

        report.Line("## Goals (this run)");
        report.Line();
        report.Line("| Goal | Measured | |");
        report.Line("|---|---|---|");
        foreach (var (goal, measured, met) in goals)
        {
            report.Line($"| {goal} | {measured} | {(met ? "met" : "**not met**")} |");
        }

        report.Line();
    }

    // Database commands per login and per registration, counted by an EF command interceptor in separate servers.
    private static async Task CommandsAsync(Settings settings, Report report)
    {
        var work = settings.WorkDirectory;
        await using var ours = await ServerProcess.StartAsync("Passkeys (counting, ceremonies in the database)", "PasskeysServer", work,
            "--Reset", "true", "--Pool", "true", "--CountCommands", "true", "--ConnectionString", $"Data Source={Path.Combine(work, "passkeys-count.db")}");
        await using var identity = await ServerProcess.StartAsync("Identity (counting)", "IdentityPasskeysServer", work,
            "--Reset", "true", "--CountCommands", "true", "--ConnectionString", $"Data Source={Path.Combine(work, "identity-count.db")}");
        report.Line("## Database commands per operation (EF command interceptor, 1 client)");
        report.Line();
        report.Line("| Server | commands / registration | commands / login | KiB allocated / login |");
        report.Line("|---|---:|---:|---:|");
        foreach (var server in (ServerProcess[])[ours, identity])
        {
            using var client = new BrowserClient(server.Origin, settings.DeviceBound);
            var s0 = await Rounds.StatsAsync(server);
            var registrations = await Rounds.RunAsync(server, [client], TimeSpan.Zero, (c, n) => c.RegisterAsync($"count-{n}-{Guid.NewGuid():N}", keep: n == 0), fixedCount: 20);
            var s1 = await Rounds.StatsAsync(server);
            await Rounds.RunAsync(server, [client], TimeSpan.Zero, (c, _) => c.LoginAsync(), fixedCount: 100);
            var s2 = await Rounds.StatsAsync(server);
            var logins = await Rounds.RunAsync(server, [client], TimeSpan.Zero, (c, _) => c.LoginAsync(), fixedCount: 200);
            var s3 = await Rounds.StatsAsync(server);
            var statsQuery = server == ours ? 1 : 0;
            report.Line(string.Create(CultureInfo.InvariantCulture,
                $"| {server.Name} | {(s1.Commands - s0.Commands - statsQuery) / (double)registrations.Operations:0.0} | {(s3.Commands - s2.Commands - statsQuery) / (double)logins.Operations:0.00} | {logins.KiBPerOperation:0.0} |"));
        }

        report.Line();
        report.Line("(The Passkeys server's stats endpoint runs one `COUNT(*)` of its own; it is subtracted.)");
        report.Line();
    }

    private sealed record MemoryResult(double RssBefore, double RssAfter, double RssSwept, double Peak, long CeremoniesAfter, long CeremoniesSwept);
}
