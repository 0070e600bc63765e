namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// The suffix a number written in digits takes in Turkish, by how its last word is spoken (vowel
/// harmony): "%34'ü" (otuz dört), "%50'si" (elli), "%12,5'i" (beş). Only the third-person possessive
/// that percentages of a whole take ("davet edilenlerin %34'ü").
/// </summary>
public static class TurkishNumbers
{
    // The possessive after each last spoken word: the ones, then the tens, then hundred and thousand.
    private static readonly string[] Ones = ["ı", "i", "si", "ü", "ü", "i", "sı", "si", "i", "u"];
    private static readonly string[] Tens = ["", "u", "si", "u", "ı", "si", "ı", "i", "i", "ı"];

    /// <summary>The possessive with its apostrophe for a number as Turkish writes it ("34", "12,5", "1.000"): "'ü", "'i", "'i".</summary>
    public static string Possessive(string number)
    {
        // Turkish writes a decimal comma and groups thousands with dots ("1.250,5").
        var digits = new string(number.Where(c => char.IsDigit(c) || c == ',').ToArray());
        var comma = digits.LastIndexOf(',');
        // A decimal is read "otuz dört virgül beş": its last word is that of the part after the comma.
        var last = comma >= 0 && comma < digits.Length - 1 ? digits[(comma + 1)..].TrimStart('0') : new string(digits.Where(char.IsDigit).ToArray());
        if (last.Length == 0) last = "0";
        return "'" + SuffixOf(last);
    }

    private static string SuffixOf(string digits)
    {
        var trimmed = digits.TrimStart('0');
        if (trimmed.Length == 0) return Ones[0];
        var ones = trimmed[^1] - '0';
        if (ones != 0) return Ones[ones];
        var tens = trimmed.Length >= 2 ? trimmed[^2] - '0' : 0;
        if (tens != 0) return Tens[tens];
        // The last word is then yüz (…00), bin (…000 to …00000), milyon (six to eight zeros) or milyar.
        var zeros = trimmed.Length - trimmed.TrimEnd('0').Length;
        return zeros switch
        {
            2 => "ü",
            < 6 => "i",
            < 9 => "u",
            _ => "ı",
        };
    }
}
