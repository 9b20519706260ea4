// Name: ToString copies buffer bytes up to the first zero byte or the length limit
// Expect: str => ABAB
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = ToString (Buffer () { 0x41, 0x42, 0x00, 0x43 }, Ones)
        ToString (Buffer () { 0x41, 0x42, 0x43 }, 0x02, Local1)
        Return (Concatenate (Local0, Local1))
    }
}
