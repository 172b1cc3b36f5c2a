using System.Diagnostics;
using System.Text;

namespace Governance.Web.ModelCards;

/// <summary>
/// Prints a self-contained HTML document to PDF with headless Chromium. The document and the PDF live
/// in a fresh private temporary folder (mode 700) that is deleted afterwards; no path comes from input.
/// At most <see cref="ChromiumOptions.MaxConcurrentPrints"/> browsers run at once.
/// </summary>
public sealed class ChromiumPdfPrinter(ChromiumOptions options, ILogger<ChromiumPdfPrinter> logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentPrints);

    /// <summary>Whether the configured Chromium exists at all.</summary>
    public bool IsInstalled => File.Exists(options.Path);

    /// <summary>The PDF bytes of <paramref name="html"/>; throws <see cref="PdfUnavailableException"/> when Chromium cannot make one.</summary>
    public async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!IsInstalled)
        {
            throw new PdfUnavailableException(
                $"Chromium is not installed at '{options.Path}', so no PDF can be made here. Install Debian's chromium package or set " +
                "Governance:Chromium:Path; the HTML export (card.html) works without it and prints the same layout.");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await _slots.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new PdfUnavailableException($"No PDF printer became free within {options.Timeout.TotalSeconds:0} s; try again shortly.");
        }
        var dir = Directory.CreateTempSubdirectory("governance-card-");
        try
        {
            var htmlPath = Path.Combine(dir.FullName, "card.html");
            var pdfPath = Path.Combine(dir.FullName, "card.pdf");
            await File.WriteAllTextAsync(htmlPath, html, Encoding.UTF8, ct);
            await RunChromiumAsync(dir.FullName, htmlPath, pdfPath, timeout.Token, ct);
            if (!File.Exists(pdfPath) || new FileInfo(pdfPath).Length == 0)
            {
                throw new PdfUnavailableException("Chromium exited without writing a PDF.");
            }
            return await File.ReadAllBytesAsync(pdfPath, ct);
        }
        finally
        {
            _slots.Release();
            TryDelete(dir);
        }
    }

    private async Task RunChromiumAsync(string dir, string htmlPath, string pdfPath, CancellationToken timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(options.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dir,
        };
        // A profile, cache and config of its own inside the temporary folder: nothing shared between prints.
        start.Environment["HOME"] = dir;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(dir, "config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(dir, "cache");
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-breakpad",
            "--user-data-dir=" + Path.Combine(dir, "profile"), "--no-pdf-header-footer", "--print-to-pdf=" + pdfPath,
            new Uri(htmlPath).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PdfUnavailableException($"Chromium at '{options.Path}' could not be started: {e.Message}", e);
        }
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(timeout);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            throw new PdfUnavailableException($"Chromium did not finish the PDF within {options.Timeout.TotalSeconds:0} s.");
        }
        var errors = await stderr;
        await stdout;
        if (process.ExitCode != 0)
        {
            logger.LogWarning("Chromium exited with {ExitCode}: {Errors}", process.ExitCode, Tail(errors));
            throw new PdfUnavailableException($"Chromium exited with code {process.ExitCode}: {Tail(errors)}");
        }
    }

    private void TryDelete(DirectoryInfo dir)
    {
        try
        {
            dir.Delete(recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete the temporary print folder {Folder}", dir.FullName);
        }
        catch (UnauthorizedAccessException e)
        {
            logger.LogWarning(e, "Could not delete the temporary print folder {Folder}", dir.FullName);
        }
    }

    private static string Tail(string text) => text.Length <= 500 ? text.Trim() : "…" + text[^500..].Trim();

    public void Dispose() => _slots.Dispose();
}
