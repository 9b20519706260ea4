// Name: LAnd, LOr, LNot and the comparisons on integers, strings and buffers; true is Ones
// Expect: int => 0x7F7D
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (BIT, 2, NotSerialized)
    {
        If (Arg0)
        {
            Return (One << Arg1)
        }
        Return (Zero)
    }

    Method (MAIN, 0, NotSerialized)
    {
        // Operands come from Locals so that iasl does not fold the operators away.
        Local1 = Zero
        Local2 = One
        Local3 = 0x05
        Local4 = "abc"
        Local5 = Buffer () { 0x02 }
        Local0 = Zero
        Local0 |= BIT (LAnd (Local2, 0x02), Zero)           // 1
        Local0 |= BIT (LOr (Local1, Local1), One)           // 0
        Local0 |= BIT (LNot (Local1), 0x02)                 // 1
        Local0 |= BIT (LEqual (Local3, 0x05), 0x03)         // 1
        Local0 |= BIT (LGreater (0x06, Local3), 0x04)       // 1
        Local0 |= BIT (LLess (0x04, Local3), 0x05)          // 1
        Local0 |= BIT (LGreaterEqual (Local3, 0x05), 0x06)  // 1
        Local0 |= BIT (LLessEqual (0x06, Local3), 0x07)     // 0
        Local0 |= BIT (LNotEqual (Local2, 0x02), 0x08)      // 1
        Local0 |= BIT (LEqual (Local4, "abc"), 0x09)        // 1
        Local0 |= BIT (LLess (Local4, "abd"), 0x0A)         // 1
        Local0 |= BIT (LGreater (Local5, Buffer () { 0x01 }), 0x0B)  // 1
        Local0 |= BIT (LEqual (Buffer () { 0x01, 0x02 }, Buffer () { 0x01, 0x02 }), 0x0C)   // 1
        Local0 |= BIT (LLess ("ab", Local4), 0x0D)          // 1: a prefix is less
        Local0 |= BIT (LOr (Local1, Local2), 0x0E)          // 1
        Local0 |= BIT (LAnd (Local2, Local1), 0x0F)         // 0
        Debug = (Local3 == 0x05)                            // Ones
        Debug = !Local3                                     // Zero
        Return (Local0)
    }
}
