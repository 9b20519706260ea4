// Name: CopyObject replaces a named Integer with a String, type included (Store would convert)
// Expect: str => replaced
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (OBJ0, 0x05)

    Method (MAIN, 0, NotSerialized)
    {
        CopyObject ("replaced", OBJ0)
        Debug = ObjectType (OBJ0)   // 2: String
        If (ObjectType (OBJ0) != 0x02)
        {
            Return ("still an integer")
        }
        Return (OBJ0)
    }
}
