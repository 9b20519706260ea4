// Name: A BankField writes its bank value to the bank register before every access to its data
// Expect: int => 0x133
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    OperationRegion (BNKR, SystemIO, 0x3060, One)
    Field (BNKR, ByteAcc, NoLock, Preserve)
    {
        BANK,   8
    }
    OperationRegion (BDAT, SystemIO, 0x3061, 0x04)
    BankField (BDAT, BANK, One, ByteAcc, NoLock, Preserve)
    {
        B1F0,   8,
        B1F1,   8
    }
    BankField (BDAT, BANK, 0x02, ByteAcc, NoLock, Preserve)
    {
        B2F0,   16
    }

    Method (MAIN, 0, NotSerialized)
    {
        B1F0 = 0x11         // BANK = 1, then the data byte
        B2F0 = 0x2233       // BANK = 2, then two data bytes
        Local0 = B1F0       // BANK = 1, then reads 0x33: one memory behind both banks
        Return (Local0 + (BANK << 8))
    }
}
