using Governance.Pipelines.Serving;

namespace Governance.Pipelines.Tests.Serving;

public sealed class RedactorTests
{
    [Theory]
    [InlineData("write to jane.doe+spam@mail.example.co.uk today", "write to [email] today")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN [iban] please")]
    [InlineData("iban GB82WEST12345698765432.", "iban [iban].")]
    [InlineData("card 4111 1111 1111 1111 exp 12/29", "card [card] exp 12/29")]
    [InlineData("card 4111-1111-1111-1111", "card [card]")]
    [InlineData("from 192.168.10.254 at noon", "from [ip] at noon")]
    [InlineData("call +44 20 7946 0958 now", "call [phone] now")]
    [InlineData("call (555) 123-4567", "call [phone]")]
    [InlineData("ring 0171 5551234!", "ring [phone]!")]
    public void Personal_data_is_replaced_by_its_placeholder(string text, string expected) => Assert.Equal(expected, Redactor.Redact(text));

    [Theory]
    [InlineData("meeting on 2026-11-21 at 10:30")]
    [InlineData("version 1.2.3 of the report, 42 pages, room 1204")]
    [InlineData("ticket 12345 and order 987654")]
    [InlineData("no personal data here at all")]
    public void Ordinary_text_dates_and_short_numbers_stay(string text) => Assert.Equal(text, Redactor.Redact(text));

    [Fact]
    public void Several_kinds_in_one_text_are_all_redacted()
    {
        var redacted = Redactor.Redact("Mail bob@example.com or call 555-123-4567 from 10.0.0.1, card 5500 0000 0000 0004.");
        Assert.Equal("Mail [email] or call [phone] from [ip], card [card].", redacted);
    }

    [Fact]
    public void Drift_features_hash_tokens_of_the_redacted_text_and_keep_no_readable_word()
    {
        var (doc, tokens, nonAscii) = DriftFeatures.Of(Redactor.Redact("Free CASH for bob@example.com, café"));
        Assert.Equal(5, tokens); // free, cash, for, email, café
        Assert.True(nonAscii);
        Assert.DoesNotContain("cash", doc, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example", doc, StringComparison.OrdinalIgnoreCase);
        var words = doc.Split(' ');
        Assert.All(words, w => Assert.Matches("^[0-9a-f]{12}$", w));
        // Case does not matter, as in the text drift test; different words differ.
        Assert.Equal(DriftFeatures.Of("free").Document, DriftFeatures.Of("FREE").Document);
        Assert.NotEqual(DriftFeatures.Of("free").Document, DriftFeatures.Of("cash").Document);
        Assert.Equal(DriftFeatures.MaxTokens, DriftFeatures.Of(string.Join(' ', Enumerable.Repeat("w", 2000))).TokenCount);
    }
}
