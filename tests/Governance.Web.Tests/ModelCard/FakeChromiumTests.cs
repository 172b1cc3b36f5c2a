using Governance.Web.ModelCards;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.Web.Tests.ModelCard;

/// <summary>
/// The printer's failure paths with stand-in "browsers" (shell scripts): a hang is killed at the timeout,
/// a crash is reported with its exit code, and the private print folder is gone afterwards either way.
/// </summary>
public sealed class FakeChromiumTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Where => Path.Combine(_dir.Path, "where");

    [Fact]
    public async Task A_browser_that_hangs_is_killed_at_the_timeout_and_its_folder_removed()
    {
        using var printer = Printer(Script("hang", $"pwd > '{Where}'\nexec sleep 60"), TimeSpan.FromSeconds(2));
        var e = await Assert.ThrowsAsync<PdfUnavailableException>(() => printer.PrintAsync("<p>card</p>", default));
        Assert.Contains("did not finish the PDF within 2 s", e.Message, StringComparison.Ordinal);
        AssertPrintFolderRemoved();
    }

    [Fact]
    public async Task A_browser_that_fails_is_reported_with_its_exit_code_and_error_and_its_folder_removed()
    {
        using var printer = Printer(Script("crash", $"pwd > '{Where}'\necho 'no display here' >&2\nexit 3"), TimeSpan.FromSeconds(30));
        var e = await Assert.ThrowsAsync<PdfUnavailableException>(() => printer.PrintAsync("<p>card</p>", default));
        Assert.Contains("exited with code 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("no display here", e.Message, StringComparison.Ordinal);
        AssertPrintFolderRemoved();
    }

    [Fact]
    public async Task The_browser_gets_the_document_as_a_file_url_and_a_print_path_inside_its_private_folder()
    {
        // Writes "%PDF-fake" where --print-to-pdf says, after checking the document it was given.
        var body = $"pwd > '{Where}'\nfor a in \"$@\"; do echo \"$a\" >> '{Where}.args'; done\n"
            + "for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) out=\"${a#--print-to-pdf=}\";; file://*) doc=\"${a#file://}\";; esac; done\n"
            + "grep -q 'card body' \"$doc\" && printf '%%PDF-fake' > \"$out\"";
        using var printer = Printer(Script("ok", body), TimeSpan.FromSeconds(30));
        var pdf = await printer.PrintAsync("<p>card body</p>", default);
        Assert.Equal("%PDF-fake", System.Text.Encoding.ASCII.GetString(pdf));
        var folder = File.ReadAllText(Where).Trim();
        var args = File.ReadAllLines(Where + ".args");
        Assert.Contains("--headless", args);
        Assert.Contains("--no-pdf-header-footer", args);
        Assert.Contains($"--print-to-pdf={Path.Combine(folder, "card.pdf")}", args);
        Assert.Contains($"--user-data-dir={Path.Combine(folder, "profile")}", args);
        AssertPrintFolderRemoved();
    }

    private void AssertPrintFolderRemoved()
    {
        var folder = File.ReadAllText(Where).Trim();
        Assert.StartsWith(Path.GetTempPath().TrimEnd('/'), folder, StringComparison.Ordinal);
        Assert.Contains("governance-card-", folder, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder), $"The print folder {folder} is still there.");
    }

    private static ChromiumPdfPrinter Printer(string path, TimeSpan timeout) =>
        new(new ChromiumOptions(path, timeout, 1), NullLogger<ChromiumPdfPrinter>.Instance);

    private string Script(string name, string body)
    {
        var path = Path.Combine(_dir.Path, name + ".sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        // The stand-ins are POSIX shell scripts; the portal (and CI) run on Linux.
        Assert.False(OperatingSystem.IsWindows(), "These tests need a POSIX shell.");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
