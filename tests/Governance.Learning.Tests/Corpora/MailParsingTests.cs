using System.Text;
using Governance.Learning.Corpora;

namespace Governance.Learning.Tests.Corpora;

// Hand-made mails covering the encodings and structures found in the SpamAssassin corpus.
public sealed class MailParsingTests
{
    private static MailRecord Parse(string mail, string group = "easy-ham-1") =>
        SpamAssassinCorpus.Parse("test/1", group, Encoding.Latin1.GetBytes(mail.ReplaceLineEndings("\n")));

    [Fact]
    public void Headers_are_unfolded_and_the_mbox_line_skipped()
    {
        var r = Parse("""
            From someone@example.com  Thu Aug 22 12:36:23 2002
            From: Robert Elz
              <kre@Munnari.OZ.AU>
            Subject: Re: New
            	Sequences Window
            Date: Thu, 22 Aug 2002 18:26:25 +0700 (ICT)

            Hello there.
            """);
        Assert.Equal("Robert Elz <kre@Munnari.OZ.AU>", r.From);
        Assert.Equal("munnari.oz.au", r.SenderDomain);
        Assert.Equal("Re: New Sequences Window", r.Subject);
        Assert.Equal(new DateTimeOffset(2002, 8, 22, 18, 26, 25, TimeSpan.FromHours(7)), r.Date);
        Assert.Equal("Hello there.", r.Text);
        Assert.False(r.IsSpam);
    }

    [Fact]
    public void Quoted_printable_is_decoded_with_its_charset()
    {
        var r = Parse("""
            Content-Type: text/plain; charset="iso-8859-1"
            Content-Transfer-Encoding: quoted-printable

            Caf=E9 au lait, soft=
             break and =3D sign.
            """);
        Assert.Equal("Café au lait, soft break and = sign.", r.Text);
    }

    [Fact]
    public void Base64_utf8_body_is_decoded()
    {
        string body = Convert.ToBase64String(Encoding.UTF8.GetBytes("Grüße aus Köln"));
        var r = Parse($"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n{body[..8]}\n{body[8..]}\n");
        Assert.Equal("Grüße aus Köln", r.Text);
    }

    [Fact]
    public void Invalid_utf8_without_charset_falls_back_to_latin1()
    {
        var r = Parse("Subject: caf\u00e9\n\nna\u00efve r\u00e9sum\u00e9\n");
        Assert.Equal("café", r.Subject);
        Assert.Equal("naïve résumé", r.Text);
    }

    [Fact]
    public void Multipart_alternative_prefers_text_plain()
    {
        var r = Parse("""
            Content-Type: multipart/alternative; boundary="XX"

            preamble
            --XX
            Content-Type: text/plain

            plain words
            --XX
            Content-Type: text/html

            <p>html words</p>
            --XX--
            epilogue
            """);
        Assert.Equal("plain words", r.Text);
    }

    [Fact]
    public void Html_only_mail_is_stripped_of_tags_scripts_and_entities()
    {
        var r = Parse("""
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: text/html; charset=us-ascii

            <html><head><title>t</title><style>p {color:red}</style></head>
            <body><p>Buy&nbsp;now &amp; save</p><!-- hidden --><script>var x = "<b>";</script>
            <a href="http://x">click</a><br>here</body></html>
            --outer
            Content-Type: image/gif
            Content-Transfer-Encoding: base64

            R0lGODlhAQABAAAAACw=
            --outer--
            """, "spam-2");
        Assert.Equal("Buy now & save\nclick\nhere", r.Text); // &nbsp; collapses like any space
        Assert.True(r.IsSpam);
    }

    [Fact]
    public void Html_labelled_as_plain_text_is_stripped()
    {
        var r = Parse("Subject: x\n\n<html><body><b>Big</b> offer</body></html>\n");
        Assert.Equal("Big offer", r.Text);
    }

    [Fact]
    public void Attachments_are_skipped()
    {
        var r = Parse("""
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            see attached
            --b
            Content-Type: text/plain; name=log.txt
            Content-Disposition: attachment; filename=log.txt

            secret log contents
            --b--
            """);
        Assert.Equal("see attached", r.Text);
    }

    [Fact]
    public void Encoded_words_in_headers_are_decoded()
    {
        var r = Parse("From: =?iso-8859-1?Q?Andr=E9?= <andre@Mail.Example.org>\nSubject: =?utf-8?B?SGVsbG8=?= =?utf-8?Q?_w=C3=B6rld?=\n\nx\n");
        Assert.Equal("André <andre@Mail.Example.org>", r.From);
        Assert.Equal("mail.example.org", r.SenderDomain);
        Assert.Equal("Hello wörld", r.Subject);
    }

    [Theory]
    [InlineData("Thu, 22 Aug 2002 12:36:23 -0400", 2002, 8, 22, 12, -4)]
    [InlineData("22 Aug 02 07:36 EDT", 2002, 8, 22, 7, -4)]
    [InlineData("Mon, 2 Sep 102 11:00:00 GMT", 2002, 9, 2, 11, 0)]
    public void Dates_in_real_world_shapes_parse(string raw, int y, int mo, int d, int h, int offsetHours)
    {
        var r = Parse($"Date: {raw}\n\nx\n");
        Assert.Equal(new DateTimeOffset(y, mo, d, h, r.Date!.Value.Minute, r.Date.Value.Second, TimeSpan.FromHours(offsetHours)), r.Date);
    }

    [Fact]
    public void Missing_headers_give_empty_fields_not_errors()
    {
        var r = Parse("\nbody only\n");
        Assert.Equal(("", "", "", (DateTimeOffset?)null), (r.From, r.SenderDomain, r.Subject, r.Date));
        Assert.Equal("body only", r.Text);
    }

    [Fact]
    public void Unknown_group_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => SpamAssassinCorpus.Parse("x", "ham-3", [65]));
        Assert.Throws<ArgumentException>(() => SpamAssassinCorpus.Load(Path.GetTempPath(), ["../etc"]));
    }
}
