// Name: And, Or, Xor, NAnd, NOr, Not, FindSetLeftBit and FindSetRightBit on 64-bit integers
// Expect: int => 0x100F9
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (MAIN, 0, NotSerialized)
    {
        // Operands come from Locals: iasl folds operators whose operands are all
        // constants, and the point is to have the opcodes in the AML.
        Local0 = 0xF0F0
        Local1 = 0x0F
        Local2 = 0xFF
        Local3 = 0xF0
        Local7 = Zero
        And (Local0, 0xFF00, Local0)            // 0xF000
        Or (Local1, Local3, Local4)             // 0xFF
        Xor (Local2, Local1, Local5)            // 0xF0
        NAnd (Local2, Local1, Local6)           // ~0x0F
        Debug = Local6
        Local7 += (Local6 & 0xFF)               // 0xF0
        NOr (Local3, Local1, Local6)            // ~0xFF
        Debug = Local6
        Local7 += (Local6 & 0x0FFF)             // 0xF00
        Not (Local7, Local6)
        Debug = Local6
        Local7 += (~Local6 - Local7)            // Not twice is the identity: adds 0
        FindSetLeftBit (Local3, Local6)         // 8 (bits count from 1)
        Local7 += Local6
        Local6 = 0x06
        FindSetRightBit (Local6, Local6)        // 2
        Local7 += Local6
        Local6 = Zero
        Debug = FindSetLeftBit (Local6)         // 0: no bit set
        Local6 = 0x8000000000000000
        Debug = FindSetRightBit (Local6)        // 64
        Return ((Local0 | Local4 | Local5) + Local7)
    }
}
