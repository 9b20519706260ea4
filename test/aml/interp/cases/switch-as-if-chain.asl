// Name: iasl's Switch (a While around an If chain, Match for Case lists) picks one Case or Default
// Expect: str => one,two-or-three,two-or-three,other,text
DefinitionBlock ("", "DSDT", 2, "CPUHP", "CASE", 0x00000001)
{
    Method (SWI, 1, Serialized)
    {
        Switch (ToInteger (Arg0))
        {
            Case (One)
            {
                Return ("one")
            }
            Case (Package () { 0x02, 0x03 })
            {
                Return ("two-or-three")
            }
            Default
            {
                Return ("other")
            }
        }
        Return ("unreachable")
    }

    Method (SWS, 1, Serialized)
    {
        Local0 = "none"
        Switch (Arg0)
        {
            Case ("abc")
            {
                Local0 = "text"
                Break               // leaves the Switch, not the method
            }
            Case ("def")
            {
                Local0 = "wrong"
            }
        }
        Return (Local0)
    }

    Method (MAIN, 0, NotSerialized)
    {
        Local0 = Concatenate (SWI (One), ",")
        Local0 = Concatenate (Local0, SWI (0x02))
        Local0 = Concatenate (Local0, ",")
        Local0 = Concatenate (Local0, SWI (0x03))
        Local0 = Concatenate (Local0, ",")
        Local0 = Concatenate (Local0, SWI (0x07))
        Local0 = Concatenate (Local0, ",")
        Return (Concatenate (Local0, SWS ("abc")))
    }
}
