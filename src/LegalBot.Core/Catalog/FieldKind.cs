namespace LegalBot.Core.Catalog;

public enum FieldKind
{
    Text,
    LongText,
    Choice,
    Date,
    Number,
    YesNo,
}
