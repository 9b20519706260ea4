// Name: A method gets seven arguments and eight locals; changing an Arg does not change the caller's Local
// Expect: int => 0x1C0
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (SEVN, 7, NotSerialized)
    {
        Local0 = Arg0
        Local1 = Arg1
        Local2 = Arg2
        Local3 = Arg3
        Local4 = Arg4
        Local5 = Arg5
        Local6 = Arg6
        Local7 = (Local0 + (Local1 * 0x02) + (Local2 * 0x03) + (Local3 * 0x04) + (Local4 * 0x05) + (Local5 * 0x06) + (Local6 * 0x07))
        Arg0 = 0x63
        Return (Local7)
    }

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = One
        Local1 = SEVN (Local0, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07)   // 1+4+9+16+25+36+49 = 140
        Debug = Local0                                              // still 1
        Return (Local1 + (Local0 * 0x0134))                         // 140 + 308
    }
}
