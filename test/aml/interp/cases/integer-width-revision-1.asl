// Name: A revision 1 DSDT has 32-bit integers: Ones + SizeOf (ToBuffer (1)) wraps to 3
// Expect: int => 0x3
DefinitionBlock ("", "DSDT", 1, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = 0xFFFFFFFF
        Local0++                        // wraps to 0
        Local1 = ~Zero                  // 0xFFFFFFFF
        Local2 = (0x80000000 << One)    // 0
        Debug = Local0
        Debug = Local1
        Debug = Local2
        Local3 = ToBuffer (One)
        Debug = SizeOf (Local3)         // 4 bytes
        Return (Ones + SizeOf (Local3))
    }
}
