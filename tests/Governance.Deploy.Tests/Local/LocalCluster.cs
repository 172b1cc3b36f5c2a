using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Governance.Deploy.Tests.Local;

/// <summary>
/// deploy/local/run.sh driven from a test: a temporary state folder, the app built beside the tests
/// (GOVERNANCE_APP_DIR), a free web port, the admin password and a tiny training spec as environment
/// variables. Dispose stops whatever is still running (the script's stop, then SIGKILL as a last resort)
/// and deletes the folder.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    public const string AdminPassword = "Local-cluster-admin-1";

    // A bound for a loaded CI machine, not a timing assertion.
    private static readonly TimeSpan ScriptBound = TimeSpan.FromMinutes(4);

    private readonly Dictionary<string, string> _environment;

    private LocalCluster(string state, int webPort, Dictionary<string, string> environment)
    {
        StateDirectory = state;
        WebPort = webPort;
        _environment = environment;
    }

    public string StateDirectory { get; }

    public int WebPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{WebPort}/");

    /// <summary>A cluster not started yet; <paramref name="epochs"/> sizes the tiny retrain (steps = 21 per epoch).</summary>
    public static LocalCluster Create(int epochs)
    {
        var state = Path.Combine(Path.GetTempPath(), "gov-local-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(state);
        var port = FreePort();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = string.IsNullOrEmpty(dotnet) ? path : Path.GetDirectoryName(dotnet) + ":" + path,
            ["GOVERNANCE_STATE_DIR"] = state,
            ["GOVERNANCE_APP_DIR"] = AppContext.BaseDirectory,
            ["GOVERNANCE_WEB_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["Governance__Admin__Password"] = AdminPassword,
            ["Node__ShutdownTimeoutSeconds"] = "30",
            // A retrain of 400 short mails in seconds, a checkpoint every 5 steps, quick scheduler polling.
            ["Loop__BootstrapResamples"] = "200",
            ["Loop__MinimumGroupSize"] = "10",
            ["Loop__DefaultTraining__VocabSize"] = "150",
            ["Loop__DefaultTraining__MaxLength"] = "24",
            ["Loop__DefaultTraining__HiddenSize"] = "32",
            ["Loop__DefaultTraining__Layers"] = "1",
            ["Loop__DefaultTraining__Heads"] = "2",
            ["Loop__DefaultTraining__IntermediateSize"] = "64",
            ["Loop__DefaultTraining__Epochs"] = epochs.ToString(CultureInfo.InvariantCulture),
            ["Loop__DefaultTraining__BatchSize"] = "16",
            ["Loop__DefaultTraining__LearningRate"] = "0.002",
            ["Loop__DefaultTraining__CheckpointEverySteps"] = "5",
            ["Scheduler__IdleWaitTime"] = "00:00:01",
            ["Scheduler__CancelPollInterval"] = "00:00:00.2",
        };
        return new LocalCluster(state, port, environment);
    }

    /// <summary>Runs <c>deploy/local/run.sh COMMAND ARGS</c> to its end; returns its exit code and output.</summary>
    public async Task<ScriptResult> RunAsync(string command, params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        start.ArgumentList.Add(Repository.Path("deploy", "local", "run.sh"));
        start.ArgumentList.Add(command);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptBound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"run.sh {command} did not finish within {ScriptBound}.\n{Logs()}");
        }
        return new ScriptResult(process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs the command and fails the test, with the logs, unless it exits 0.</summary>
    public async Task<ScriptResult> RunOkAsync(string command, params string[] args)
    {
        var result = await RunAsync(command, args);
        Assert.True(result.ExitCode == 0, $"run.sh {command} exited {result.ExitCode}:\n{result.Output}\n{Logs()}");
        return result;
    }

    /// <summary>The pid run.sh recorded for a role (web, worker), or null.</summary>
    public int? Pid(string role) => ReadInt(Path.Combine(StateDirectory, "run", role + ".pid"));

    /// <summary>The exit code the role's last process ended with, as run.sh recorded it, or null.</summary>
    public int? ExitCode(string role) => ReadInt(Path.Combine(StateDirectory, "run", role + ".exit"));

    /// <summary>The PostgreSQL postmaster's pid (first line of postmaster.pid), or null when it is not running.</summary>
    public int? PostgresPid()
    {
        var file = Path.Combine(StateDirectory, "pg", "data", "postmaster.pid");
        return File.Exists(file) ? int.Parse(File.ReadLines(file).First(), CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Whether the process is gone, waiting a little for one that is still being torn down after its pid file went.</summary>
    public static async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 100 && IsAlive(pid); i++)
        {
            await Task.Delay(100);
        }
        return !IsAlive(pid);
    }

    public static bool IsAlive(int pid)
    {
        // /proc/PID exists for zombies too; a reaped or exited process has no "State: Z" line to read.
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains('Z', StringComparison.Ordinal));
    }

    /// <summary>Whether the run's checkpoint file is on disk (the shared work folder of the workers).</summary>
    public bool CheckpointWritten(Guid runId) => File.Exists(Path.Combine(StateDirectory, "work", "runs", runId.ToString(), "checkpoint",
        Governance.Learning.Serialization.TrainingCheckpoint.FileName));

    /// <summary>The last lines of every log in the state folder, for failure messages.</summary>
    public string Logs()
    {
        var dir = Path.Combine(StateDirectory, "logs");
        if (!Directory.Exists(dir))
        {
            return "(no logs)";
        }
        return string.Join("\n", Directory.GetFiles(dir, "*.log").Order(StringComparer.Ordinal)
            .Select(f => $"--- {Path.GetFileName(f)}\n{string.Join("\n", File.ReadLines(f).TakeLast(40))}"));
    }

    public async ValueTask DisposeAsync()
    {
        var pids = new[] { Pid("web"), Pid("worker"), PostgresPid() }.OfType<int>().Where(IsAlive).ToList();
        if (pids.Count > 0)
        {
            try
            {
                await RunAsync("stop");
            }
            catch (TimeoutException)
            {
                // Killed below.
            }
            foreach (var pid in pids.Where(IsAlive))
            {
                try
                {
                    Process.GetProcessById(pid).Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                    // Gone meanwhile.
                }
            }
        }
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the temp folder is cleaned by the OS later.
        }
    }

    private static int? ReadInt(string file) =>
        File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>What one run of the script did.</summary>
internal sealed record ScriptResult(int ExitCode, string Output);
