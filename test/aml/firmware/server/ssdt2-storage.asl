/*
 * Storage behind the second root: an NVMe controller whose _STA reads its
 * vendor ID in PCI config space, and a method that fails on purpose when asked
 * for a namespace it does not have (an error the test expects).
 */
DefinitionBlock ("", "SSDT", 2, "CPUHP", "STORAGE", 0x00000001)
{
    External (\_SB.PCI1.RP01, DeviceObj)

    Scope (\_SB.PCI1.RP01)
    {
        Device (NVM0)
        {
            Name (_ADR, Zero)
            Name (NSID, Package () { 0x01, 0x02 })
            OperationRegion (NVCF, PCI_Config, Zero, 0x40)
            Field (NVCF, WordAcc, NoLock, Preserve)
            {
                NVID,   16,
                NDID,   16
            }
            Method (_STA, 0, NotSerialized)
            {
                If (NVID == 0xFFFF)
                {
                    Return (Zero)
                }
                Return (0x0F)
            }
            Method (NSSZ, 1, NotSerialized)
            {
                Return (DerefOf (NSID [Arg0]) * 0x00100000)
            }
        }
    }
}
