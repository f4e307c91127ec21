namespace MicroNet.Expressions;

internal enum TokenKind
{
    End,
    Number,
    Name,
    Plus,
    Minus,
    Star,
    Slash,
    StarStar,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
}

/// <summary>One token: its kind, where it starts and its text (empty for <see cref="TokenKind.End"/>).</summary>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, double Number = 0);
