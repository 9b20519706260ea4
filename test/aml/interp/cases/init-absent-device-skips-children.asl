// Name: A device whose _STA says absent gets no _INI, and its children only if _STA says functioning
// Expect: str => PF
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (LOGS, "")
    Scope (\_SB)
    {
        Device (PRES)
        {
            Name (_ADR, One)
            Method (_INI, 0, NotSerialized)
            {
                LOGS = Concatenate (LOGS, "P")
            }
        }
        Device (ABSN)
        {
            Name (_ADR, 0x02)
            Method (_STA, 0, NotSerialized)
            {
                Return (Zero)
            }
            Method (_INI, 0, NotSerialized)
            {
                LOGS = Concatenate (LOGS, "a")
            }
            Device (CHLD)
            {
                Name (_ADR, Zero)
                Method (_INI, 0, NotSerialized)
                {
                    LOGS = Concatenate (LOGS, "c")
                }
            }
        }
        Device (FUNC)
        {
            Name (_ADR, 0x03)
            Method (_STA, 0, NotSerialized)
            {
                Return (0x08)
            }
            Method (_INI, 0, NotSerialized)
            {
                LOGS = Concatenate (LOGS, "f")
            }
            Device (CHLD)
            {
                Name (_ADR, Zero)
                Method (_INI, 0, NotSerialized)
                {
                    LOGS = Concatenate (LOGS, "F")
                }
            }
        }
    }
    Method (MAIN, 0, NotSerialized)
    {
        Return (LOGS)
    }
}
