// Name: Match returns the index of the first element meeting both conditions from a start index, Ones if none
// Expect: int => 0x1322
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (PKG0, Package () { One, 0x05, 0x09, 0x0D, 0x11, 0x15 })

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Match (PKG0, MEQ, 0x09, MTR, Zero, Zero)       // 2
        Local1 = Match (PKG0, MGT, 0x06, MLT, 0x14, Zero)       // 2: 9 > 6 and 9 < 20
        Local2 = Match (PKG0, MGE, 0x0D, MTR, Zero, 0x02)       // 3
        Local3 = Match (PKG0, MEQ, 0x07, MTR, Zero, Zero)       // Ones: no element is 7
        Local4 = Match (PKG0, MLE, 0x05, MGT, One, Zero)        // 1: 5 <= 5 and 5 > 1
        Debug = Local3
        Local5 = Zero
        If (Local3 == Ones)
        {
            Local5 = One
        }
        Return (Local0 | (Local1 << 4) | (Local2 << 8) | (Local5 << 12) | ((Local4 - One) << 16))
    }
}
