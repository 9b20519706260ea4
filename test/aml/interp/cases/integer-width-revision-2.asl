// Name: A revision 2 DSDT has 64-bit integers: Ones + SizeOf (ToBuffer (1)) wraps to 7
// Expect: int => 0x7
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = 0xFFFFFFFF
        Local0++                        // 0x100000000: no wrap at 32 bits
        Local1 = ~Zero
        Local2 = (0x80000000 << One)
        Debug = Local0
        Debug = Local1
        Debug = Local2
        Local3 = ToBuffer (One)
        Debug = SizeOf (Local3)         // 8 bytes
        Return (Ones + SizeOf (Local3))
    }
}
