// Name: Add, Subtract, Multiply, Divide (quotient and remainder), Mod, Increment, Decrement and shifts
// Expect: int => 0x356
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        Local0 = 0x64
        Add (Local0, 0x17, Local1)              // 123
        Subtract (Local1, 0x03, Local1)         // 120
        Multiply (Local1, 0x03, Local2)         // 360
        Divide (Local2, 0x07, Local3, Local4)   // remainder 3, quotient 51
        Mod (Local2, 0x64, Local5)              // 60
        Local6 = 0x05
        Increment (Local6)
        Local6--
        Decrement (Local6)                      // 4
        Local7 = ((One << 0x0A) >> 0x02)        // 256
        Debug = (Zero - One)                    // wraps to Ones
        Debug = (0x1234 / 0x10)                 // 0x123
        Return (Local1 + Local2 + Local3 + Local4 + Local5 + Local6 + Local7)
    }
}
