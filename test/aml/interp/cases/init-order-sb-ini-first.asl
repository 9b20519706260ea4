// Name: \_SB._INI runs first, then each present device's _INI depth first in namespace order (\_SB's subtree before devices the DSDT adds at the root)
// Expect: str => SBA
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (LOGS, "")
    Device (DEVA)
    {
        Name (_ADR, One)
        Method (_INI, 0, NotSerialized)
        {
            LOGS = Concatenate (LOGS, "A")
        }
    }
    Scope (\_SB)
    {
        Method (_INI, 0, NotSerialized)
        {
            LOGS = Concatenate (LOGS, "S")
        }
        Device (DEVB)
        {
            Name (_ADR, 0x02)
            Method (_INI, 0, NotSerialized)
            {
                LOGS = Concatenate (LOGS, "B")
            }
        }
    }
    Method (MAIN, 0, NotSerialized)
    {
        Return (LOGS)
    }
}
