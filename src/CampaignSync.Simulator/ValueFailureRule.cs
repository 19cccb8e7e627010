namespace CampaignSync.Simulator;

/// <summary>
/// Makes every record that sets <paramref name="AttributeName"/> to a value matching <paramref name="ValuePattern"/>
/// fail with <paramref name="Code"/> and <paramref name="Description"/> (e.g. an e-mail address Campaign refuses),
/// the same way a <see cref="KeyFailureRule"/> does. An empty value never matches: it is not a value Campaign checks.
/// </summary>
/// <param name="AttributeName">The attribute whose value is checked, e.g. <c>email</c>.</param>
/// <param name="ValuePattern">A .NET regular expression, matched anywhere in the value.</param>
/// <param name="Code">The code to report, e.g. "1001".</param>
/// <param name="Description">The description to report.</param>
public sealed record ValueFailureRule(string AttributeName, string ValuePattern, string Code, string Description);
