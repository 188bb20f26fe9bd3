using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Oicp.Samples.ScaleOut;

/// <summary>
/// A backend instance running as a process of its own (this sample's assembly with <c>--instance</c>): the charge
/// points' StatusNotifications are written to its standard input; closing it is a clean shutdown, <see cref="Kill"/> a
/// crash (SIGKILL on Linux and macOS).
/// </summary>
internal sealed class InstanceProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _errors = [];

    private InstanceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool Alive => !_process.HasExited;

    /// <summary>Gets what the process wrote to standard error (for the report when it failed).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return string.Join(Environment.NewLine, _errors);
            }
        }
    }

    public static InstanceProcess Start(string name, string redis, Uri hubject, string keyPrefix, string snapshot)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(InstanceProcess).Assembly.Location, "--instance", name, "--redis", redis, "--hubject", hubject.ToString(), "--key-prefix", keyPrefix, "--snapshot", snapshot })
        {
            start.ArgumentList.Add(argument);
        }

        var instance = new InstanceProcess(name, Process.Start(start)!);
        instance._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == BackendInstance.ReadyLine)
            {
                instance._ready.TrySetResult();
            }
        };
        instance._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (instance._errors)
                {
                    instance._errors.Add(line);
                }
            }
        };
        instance._process.Exited += (_, _) =>
        {
            // Waits for the end of its output, so the error it wrote is complete.
            instance._process.WaitForExit();
            instance._ready.TrySetException(new InvalidOperationException($"{name} exited at start-up: {instance.Errors}"));
        };
        instance._process.EnableRaisingEvents = true;
        instance._process.BeginOutputReadLine();
        instance._process.BeginErrorReadLine();
        return instance;
    }

    public Task ReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) => _ready.Task.WaitAsync(timeout, cancellationToken);

    public Task PublishAsync(string evseId, string status) => _process.StandardInput.WriteLineAsync($"{evseId} {status}");

    public Task FlushAsync() => _process.StandardInput.FlushAsync();

    /// <summary>A crash: SIGKILL, nothing released.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>A clean shutdown: end of input; killed when it does not exit within <paramref name="timeout"/>.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        _process.StandardInput.Close();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return _process.ExitCode == 0;
        }
        catch (TimeoutException)
        {
            Kill();
            return false;
        }
    }

    public void Dispose()
    {
        if (Alive)
        {
            Kill();
        }

        _process.Dispose();
    }

    /// <summary>The dotnet host of the running runtime (the sample may run inside a test host), else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
