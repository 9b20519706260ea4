// Name: \_OS is "Microsoft Windows NT" and \_REV is 2, as Linux gives them
// Expect: str => Microsoft Windows NT/2
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = \_REV
        Return (Concatenate (Concatenate (\_OS, "/"), ToDecimalString (Local0)))
    }
}
