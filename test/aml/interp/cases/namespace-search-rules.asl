// Name: A single-segment name is searched upwards from the current scope; root and parent prefixes are taken as written
// Expect: int => 0x213
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Name (VAL0, One)
    Name (VAL1, 0x03)
    Scope (\_SB)
    {
        Name (VAL0, 0x02)
        Device (DEV0)
        {
            Name (_ADR, Zero)
            Method (GETV, 0, NotSerialized)
            {
                Return (VAL0)           // \_SB.VAL0: the nearest enclosing scope wins
            }
            Method (GET1, 0, NotSerialized)
            {
                Return (\VAL0)          // the root one
            }
            Method (GET3, 0, NotSerialized)
            {
                Return (VAL1)           // found two levels up, in the root
            }
        }
        Method (CALL, 0, NotSerialized)
        {
            Return (^DEV0.GETV ())      // a multi-segment path does not search: ^ climbs from the method to \_SB
        }
    }

    Method (MAIN, 0, NotSerialized)
    {
        Return ((\_SB.CALL () << 8) | (\_SB.DEV0.GET1 () << 4) | \_SB.DEV0.GET3 ())
    }
}
