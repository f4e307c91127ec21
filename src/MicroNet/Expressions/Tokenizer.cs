using System.Globalization;

namespace MicroNet.Expressions;

/// <summary>Splits expression text into tokens on demand, with Python's rules for numbers and names.</summary>
internal sealed class Tokenizer(string text)
{
    private int _next;

    public Token Next()
    {
        while (_next < text.Length && char.IsWhiteSpace(text[_next]))
        {
            _next++;
        }
        int start = _next;
        if (start == text.Length)
        {
            return new Token(TokenKind.End, start, "");
        }
        char c = text[start];
        if (char.IsAsciiDigit(c) || (c == '.' && start + 1 < text.Length && char.IsAsciiDigit(text[start + 1])))
        {
            return ReadNumber(start);
        }
        if (IsNameStart(c))
        {
            _next++;
            while (_next < text.Length && IsNamePart(text[_next]))
            {
                _next++;
            }
            return new Token(TokenKind.Name, start, text[start.._next]);
        }
        _next++;
        switch (c)
        {
            case '+': return new Token(TokenKind.Plus, start, "+");
            case '-': return new Token(TokenKind.Minus, start, "-");
            case '/' when Peek('/'):
                throw Unsupported(start, "//");
            case '/': return new Token(TokenKind.Slash, start, "/");
            case '*' when Peek('*'):
                _next++;
                return new Token(TokenKind.StarStar, start, "**");
            case '*': return new Token(TokenKind.Star, start, "*");
            case '(': return new Token(TokenKind.LeftParen, start, "(");
            case ')': return new Token(TokenKind.RightParen, start, ")");
            case '[': return new Token(TokenKind.LeftBracket, start, "[");
            case ']': return new Token(TokenKind.RightBracket, start, "]");
            case ',': return new Token(TokenKind.Comma, start, ",");
            case '^':
                throw new ExpressionException(
                    string.Create(CultureInfo.InvariantCulture, $"Unsupported operator '^' at position {start}; write a power as a ** b, as in Python."),
                    start);
            case '%' or '@' or '<' or '>' or '=' or '!' or '&' or '|' or '~':
                throw Unsupported(start, c.ToString());
            default:
                throw new ExpressionException(
                    string.Create(CultureInfo.InvariantCulture, $"Unexpected character '{UserText.Quote(c.ToString())}' at position {start}."), start);
        }
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static ExpressionException Unsupported(int position, string op) => new(
        string.Create(CultureInfo.InvariantCulture,
            $"Unsupported operator '{op}' at position {position}; the operators are + - * / and **."),
        position);

    private bool Peek(char c) => _next < text.Length && text[_next] == c;

    // Python's decimal literals: 2, 2.5, 2., .5, 1e-3, 2.5E+10. Not 1_000, 0x1F, 2j or 007.
    private Token ReadNumber(int start)
    {
        bool isInteger = true;
        SkipDigits();
        if (Peek('.'))
        {
            isInteger = false;
            _next++;
            SkipDigits();
        }
        if (_next < text.Length && (text[_next] is 'e' or 'E'))
        {
            isInteger = false;
            int exponent = _next + 1;
            if (exponent < text.Length && (text[exponent] is '+' or '-'))
            {
                exponent++;
            }
            if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
            {
                _next = exponent;
                SkipDigits();
            }
            else
            {
                _next++;
                throw InvalidNumber(start);
            }
        }
        if (_next < text.Length && (IsNamePart(text[_next]) || text[_next] == '.'))
        {
            throw InvalidNumber(start);
        }
        string literal = text[start.._next];
        if (isInteger && literal.Length > 1 && literal[0] == '0' && literal.AsSpan().ContainsAnyExcept('0'))
        {
            throw new ExpressionException(
                string.Create(CultureInfo.InvariantCulture,
                    $"Invalid number '{UserText.Quote(literal)}' at position {start}; integers cannot start with 0, as in Python."),
                start);
        }
        double number = double.Parse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        return new Token(TokenKind.Number, start, literal, number);
    }

    private void SkipDigits()
    {
        while (_next < text.Length && char.IsAsciiDigit(text[_next]))
        {
            _next++;
        }
    }

    private ExpressionException InvalidNumber(int start)
    {
        while (_next < text.Length && (IsNamePart(text[_next]) || text[_next] == '.'))
        {
            _next++;
        }
        return new ExpressionException(
            string.Create(CultureInfo.InvariantCulture,
                $"Invalid number '{UserText.Quote(text[start.._next])}' at position {start}; write numbers as 2, 0.5, .5 or 1e-3."),
            start);
    }
}
