Attribute VB_Name = "ThorLiveData"
'==============================================================================================================
' ThorLiveData: writes your ThinkOrSwim quote sheet to disk every second, for Thor Paper Desk.
'
' Why a macro: the RTD cells in Excel update in memory only. A file on disk changes only when something saves
' it, and Thor Paper Desk reads that file (it never writes to your workbook). This module saves the quote sheet,
' on a timer, as a CSV (or a one-sheet .xlsx copy) beside your workbook. Your workbook itself is never saved.
'
' Install
'   1. Save your workbook as a macro-enabled workbook (.xlsm) and allow its macros (File > Options > Trust Center).
'   2. Alt+F11 opens the VBA editor. File > Import File... > choose this file (ThorLiveData.bas).
'   3. Set the constants below (the sheet name at least), then run StartThorExport (Alt+F8 > StartThorExport > Run).
'   4. In Thor Paper Desk: Settings > Data source > choose the file it writes (ThorQuotes.csv by default).
'   StopThorExport stops it. The status bar says where it writes, and why a write failed (it retries every tick).
'
' Start it with the workbook (pick one), so you never forget:
'   - in this module, add:                 Sub Auto_Open(): StartThorExport: End Sub
'   - or in the ThisWorkbook module, add:  Private Sub Workbook_Open(): StartThorExport: End Sub
' And stop it when the workbook closes (ThisWorkbook module); a pending timer would otherwise reopen the workbook
' to run its next tick:
'   Private Sub Workbook_BeforeClose(Cancel As Boolean): StopThorExport: End Sub
'
' How fresh the quotes are: Excel refreshes RTD cells at most every Application.RTD.ThrottleInterval
' milliseconds. The default is 2000 (one refresh every 2 seconds, however often this macro writes). For faster
' quotes, open the Immediate window in the VBA editor (Ctrl+G), type this line and press Enter:
'     Application.RTD.ThrottleInterval = 200
' Excel keeps the setting after a restart. 0 means "as fast as TOS sends", at the cost of more CPU. Excel also
' waits while it is busy, and no tick runs while you are editing a cell.
'
' CSV or XLSX? The CSV is lighter and recommended, but it holds only what the cells show: its Symbol column
' must hold the real TOS symbols (/ES, SPY, .SPY251219C600). If your Symbol column holds labels (ES beside RTD
' cells for /ES:XCME), use "XLSX": the copy keeps the RTD formulas, and the app takes each row's symbol from them.
' The XLSX copy opens and closes a new workbook each tick. Keep the symbols on the exported sheet: in the copy,
' a formula pointing at another sheet becomes a link to your workbook, which Thor Paper Desk cannot follow.
'==============================================================================================================
Option Explicit

' ---- Settings ------------------------------------------------------------------------------------------------

' Seconds between two writes (whole seconds; Excel's timer has a resolution of one second).
Private Const INTERVAL_SECONDS As Long = 1

' The sheet to export: the one with the Symbol header row and the RTD cells.
Private Const SHEET_NAME As String = "LiveData"

' "CSV" writes a UTF-8 CSV; "XLSX" writes a copy of the sheet as a workbook (formulas and their values).
Private Const OUTPUT_KIND As String = "CSV"

' The file to write, as a full path (e.g. "C:\Trading\ThorQuotes.csv"). Empty: beside this workbook,
' ThorQuotes.csv (or ThorQuotes.xlsx for OUTPUT_KIND "XLSX"). Its extension must match OUTPUT_KIND.
' Set it when the workbook lives on OneDrive or SharePoint (its path is then a web address, not a folder).
Private Const OUTPUT_PATH As String = ""

' CSV only. False (recommended): numbers are written exactly, with a "." decimal point, whatever the Windows
' language and the column width; text cells (117'14+, N/A, descriptions) are written as shown. True: numbers
' as the cells display them (.Text): the cells' number formats apply, but a narrow column's "####" or a
' rounded display is what the app gets, and a "," decimal separator would be read as a thousands separator.
Private Const NUMBERS_AS_DISPLAYED As Boolean = False

' ---- State ---------------------------------------------------------------------------------------------------

Private mRunning As Boolean     ' True between StartThorExport and StopThorExport
Private mNextTick As Date       ' When the pending timer fires (0: none pending)
Private mFailing As Boolean     ' The last write failed (the status bar says why)

' ---- Start and stop ------------------------------------------------------------------------------------------

' Starts writing the sheet every INTERVAL_SECONDS. Running it again restarts the timer (never two timers).
Public Sub StartThorExport()
    StopThorExport
    Randomize
    mRunning = True
    On Error Resume Next
    Kill FolderOf(OutputFile()) & "\~thor-*.tmp*"   ' temp files left by a crash or a power cut (none: ignored)
    On Error GoTo 0
    Application.StatusBar = RunningMessage()
    ThorExportTick                                 ' write now; it schedules the next tick
End Sub

' Stops the timer. The last file written stays on disk (the app then shows it as stale).
Public Sub StopThorExport()
    mRunning = False
    If mNextTick <> 0 Then
        On Error Resume Next                       ' the timer may already have fired
        Application.OnTime EarliestTime:=mNextTick, Procedure:=TickProcedure(), Schedule:=False
        On Error GoTo 0
        mNextTick = 0
    End If
    mFailing = False
    Application.StatusBar = False                  ' give the status bar back to Excel
End Sub

' One tick: write the file, then schedule the next tick. Run by Application.OnTime; not meant to be run by hand.
Public Sub ThorExportTick()
    If Not mRunning Then Exit Sub
    mNextTick = 0
    ExportOnce
    ' Scheduled after the write, counted from now: a slow write delays the next tick instead of piling them up.
    On Error Resume Next
    mNextTick = Now + TimeSerial(0, 0, INTERVAL_SECONDS)
    Application.OnTime EarliestTime:=mNextTick, Procedure:=TickProcedure()
    If Err.Number <> 0 Then
        mNextTick = 0
        mRunning = False
        Application.StatusBar = "Thor export stopped: the timer could not be set (" & Err.Description & ")"
    End If
    On Error GoTo 0
End Sub

' ---- One write -----------------------------------------------------------------------------------------------

' Writes the sheet to a temp file in the target's folder, then puts it in place of the target by renaming.
' A failure never shows a dialog: the status bar says why, the temp file is removed, the next tick retries.
Private Sub ExportOnce()
    Dim target As String, tempPath As String, stage As String
    Dim errNumber As Long, errText As String
    Dim ws As Worksheet

    On Error GoTo Failed
    stage = "finding the sheet " & SHEET_NAME
    Set ws = ThisWorkbook.Worksheets(SHEET_NAME)
    stage = "choosing the file"
    target = OutputFile()
    ' A name the app ignores: it watches only the target's name.
    tempPath = FolderOf(target) & "\~thor-" & Format$(Int(Rnd() * 100000000), "00000000") & ".tmp"
    If IsXlsx() Then tempPath = tempPath & ".xlsx"  ' SaveAs wants the extension of the format it writes

    stage = "writing " & tempPath
    If IsXlsx() Then
        WriteWorkbookCopy ws, tempPath
    Else
        WriteCsv ws, tempPath
    End If

    ' Replace the target: delete the old file, rename the new one in. For the moment in between the file is
    ' missing; the app expects that (Excel's own save does the same) and reads again a few ms later.
    stage = "replacing " & target
    If Len(Dir$(target)) > 0 Then Kill target
    Name tempPath As target
    tempPath = ""

Done:
    On Error Resume Next
    If Len(tempPath) > 0 Then Kill tempPath         ' a failed write leaves no temp file behind
    On Error GoTo 0
    If errNumber <> 0 Then
        mFailing = True
        Application.StatusBar = "Thor export: " & stage & " failed at " & Format$(Now, "hh:mm:ss") & ": " & _
            errText & " (retrying every " & INTERVAL_SECONDS & " s)"
    ElseIf mFailing Then
        mFailing = False
        Application.StatusBar = RunningMessage()
    End If
    Exit Sub

Failed:
    errNumber = Err.Number
    errText = Err.Description
    Resume Done                                     ' Resume clears the error, so the clean-up above can run
End Sub

' ---- CSV -----------------------------------------------------------------------------------------------------

' The sheet's used range as CSV: UTF-8, one line per row, the header row as on the sheet, fields that hold a
' comma, a quote or a line break in quotes ("" for a quote inside).
Private Sub WriteCsv(ByVal ws As Worksheet, ByVal path As String)
    Dim area As Range, values As Variant
    Dim lines() As String, fields() As String, text As String
    Dim r As Long, c As Long

    Set area = ws.UsedRange
    values = area.Value2                            ' one read for the whole range: fast
    If Not IsArray(values) Then values = OneCell(values)

    ReDim lines(1 To UBound(values, 1))
    ReDim fields(1 To UBound(values, 2))
    For r = 1 To UBound(values, 1)
        For c = 1 To UBound(values, 2)
            text = ValueText(values(r, c))
            If NUMBERS_AS_DISPLAYED Then
                If VarType(values(r, c)) = vbDouble Then text = DisplayedText(area.Cells(r, c), text)
            End If
            fields(c) = CsvField(text)
        Next c
        lines(r) = Join(fields, ",")
    Next r
    WriteUtf8 path, Join(lines, vbCrLf) & vbCrLf
End Sub

' A cell's value as CSV text. Value2 gives text, a Double, a Boolean, an error or Empty.
Private Function ValueText(ByVal value As Variant) As String
    If IsError(value) Then
        ValueText = "N/A"                           ' #N/A, #VALUE!...: the app reads N/A as "no value"
    ElseIf IsEmpty(value) Then
        ValueText = ""
    ElseIf VarType(value) = vbString Then
        ValueText = value                           ' text as shown: 117'14+, N/A, descriptions, captions
    ElseIf VarType(value) = vbBoolean Then
        ValueText = IIf(value, "TRUE", "FALSE")
    Else
        ValueText = NumberText(CDbl(value))
    End If
End Function

' A number with a "." decimal point whatever the Windows language, to 15 significant digits (as Excel shows).
Private Function NumberText(ByVal number As Double) As String
    Dim text As String
    text = Trim$(Str$(number))                      ' Str$ always uses "."; it writes 0.5 as ".5"
    If Left$(text, 1) = "." Then
        text = "0" & text
    ElseIf Left$(text, 2) = "-." Then
        text = "-0" & Mid$(text, 2)
    End If
    NumberText = text
End Function

' NUMBERS_AS_DISPLAYED: the cell's displayed text, unless the column is too narrow to show it ("####").
Private Function DisplayedText(ByVal cell As Range, ByVal exact As String) As String
    Dim shown As String
    shown = Trim$(cell.Text)
    If Len(shown) = 0 Or InStr(shown, "#") > 0 Then
        DisplayedText = exact
    Else
        DisplayedText = shown
    End If
End Function

Private Function CsvField(ByVal text As String) As String
    If InStr(text, ",") > 0 Or InStr(text, """") > 0 Or InStr(text, vbCr) > 0 Or InStr(text, vbLf) > 0 Then
        CsvField = """" & Replace(text, """", """""") & """"
    Else
        CsvField = text
    End If
End Function

' A used range of one cell gives a single value, not an array: make it a 1 x 1 array.
Private Function OneCell(ByVal value As Variant) As Variant
    Dim grid(1 To 1, 1 To 1) As Variant
    grid(1, 1) = value
    OneCell = grid
End Function

' Writes text as UTF-8 (with a byte-order mark, which the app accepts). ADODB.Stream ships with Windows.
Private Sub WriteUtf8(ByVal path As String, ByVal text As String)
    Dim stream As Object
    Set stream = CreateObject("ADODB.Stream")
    stream.Type = 2                                 ' adTypeText
    stream.Charset = "utf-8"
    stream.Open
    stream.WriteText text
    stream.SaveToFile path, 2                       ' adSaveCreateOverWrite
    stream.Close
End Sub

' ---- Workbook copy -------------------------------------------------------------------------------------------

' Copies the sheet to a new workbook and saves that as .xlsx (formulas with their current values), with
' Excel's prompts off. The new workbook is closed and your window is active again, whatever happens.
Private Sub WriteWorkbookCopy(ByVal ws As Worksheet, ByVal path As String)
    Dim copyBook As Workbook, previous As Window
    Dim alerts As Boolean, updating As Boolean
    Dim errNumber As Long, errText As String

    alerts = Application.DisplayAlerts
    updating = Application.ScreenUpdating
    Set previous = ActiveWindow
    On Error GoTo Failed
    Application.ScreenUpdating = False
    Application.DisplayAlerts = False               ' no "macro-free workbook" or "replace file" prompts
    ws.Copy                                         ' no arguments: a new workbook holding only this sheet
    Set copyBook = ActiveWorkbook
    copyBook.SaveAs Filename:=path, FileFormat:=xlOpenXMLWorkbook

Done:
    On Error Resume Next
    If Not copyBook Is Nothing Then copyBook.Close SaveChanges:=False
    If Not previous Is Nothing Then previous.Activate
    Application.DisplayAlerts = alerts
    Application.ScreenUpdating = updating
    On Error GoTo 0
    If errNumber <> 0 Then Err.Raise errNumber, "ThorLiveData", errText   ' ExportOnce reports it
    Exit Sub

Failed:
    errNumber = Err.Number
    errText = Err.Description
    Resume Done
End Sub

' ---- Helpers -------------------------------------------------------------------------------------------------

Private Function IsXlsx() As Boolean
    IsXlsx = (UCase$(OUTPUT_KIND) = "XLSX")
End Function

' The file to write: OUTPUT_PATH, or ThorQuotes.csv / ThorQuotes.xlsx beside this workbook.
Private Function OutputFile() As String
    Dim path As String, extension As String
    extension = IIf(IsXlsx(), ".xlsx", ".csv")
    If Len(OUTPUT_PATH) > 0 Then
        path = OUTPUT_PATH
    Else
        If Len(ThisWorkbook.Path) = 0 Then Err.Raise vbObjectError + 1, "ThorLiveData", _
            "save the workbook first, or set OUTPUT_PATH"
        If LCase$(Left$(ThisWorkbook.Path, 4)) = "http" Then Err.Raise vbObjectError + 2, "ThorLiveData", _
            "the workbook is on OneDrive/SharePoint: set OUTPUT_PATH to a local folder"
        path = ThisWorkbook.Path & "\ThorQuotes" & extension
    End If
    If LCase$(Right$(path, Len(extension))) <> extension Then Err.Raise vbObjectError + 3, "ThorLiveData", _
        "OUTPUT_PATH must end in " & extension & " for OUTPUT_KIND """ & OUTPUT_KIND & """"
    OutputFile = path
End Function

Private Function FolderOf(ByVal path As String) As String
    If InStrRev(path, "\") = 0 Then Err.Raise vbObjectError + 4, "ThorLiveData", _
        "OUTPUT_PATH must be a full path, such as C:\Trading\ThorQuotes.csv"
    FolderOf = Left$(path, InStrRev(path, "\") - 1)
End Function

' The timer's procedure, qualified with this workbook's name so another open workbook's macro is never run.
Private Function TickProcedure() As String
    TickProcedure = "'" & Replace(ThisWorkbook.Name, "'", "''") & "'!ThorExportTick"
End Function

Private Function RunningMessage() As String
    On Error Resume Next
    RunningMessage = "Thor export: writing " & SHEET_NAME & " to " & OutputFile() & " every " & _
        INTERVAL_SECONDS & " s"
    If Err.Number <> 0 Then RunningMessage = "Thor export: " & Err.Description
End Function
