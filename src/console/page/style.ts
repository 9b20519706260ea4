// The page's look: one stylesheet, inlined with the script.
export const STYLE = `
:root { --bg:#fbfbfa; --fg:#1d2330; --muted:#6b7280; --line:#d8dbe0; --panel:#fff;
  --absent:#eceef1; --plugged:#ffe08a; --enabled:#8fd19e; --removing:#f4a3a3; --online:#1f7a3a; }
* { box-sizing: border-box; }
body { margin:0; font:13px/1.35 system-ui, sans-serif; color:var(--fg); background:var(--bg); height:100vh; display:flex; flex-direction:column; }
header { display:flex; gap:14px; align-items:baseline; padding:6px 10px; border-bottom:1px solid var(--line); background:var(--panel); }
header .status { padding:1px 6px; border-radius:3px; background:#e6eefc; }
main { flex:1; display:grid; grid-template-columns:minmax(320px, 40%) 1fr; gap:8px; padding:8px; min-height:0; }
.left { display:flex; flex-direction:column; gap:8px; min-height:0; }
.panel { background:var(--panel); border:1px solid var(--line); border-radius:4px; padding:6px; min-height:0; }
.toolbar { display:flex; gap:8px; align-items:center; flex-wrap:wrap; margin-bottom:6px; }
.muted { color:var(--muted); }
button { font:inherit; padding:1px 7px; border:1px solid #b8bec8; border-radius:3px; background:#f6f7f9; cursor:pointer; }
button.on { background:#ffe08a; }
button:disabled { opacity:.45; cursor:default; }
.grid { flex:1 1 50%; display:flex; flex-direction:column; }
.grid-body { overflow:auto; display:flex; flex-wrap:wrap; gap:2px; align-content:flex-start; flex:1; }
.cell { width:var(--cell); min-height:var(--cell); border:1px solid #c9ced6; border-radius:2px; background:var(--absent); font-size:11px; cursor:pointer; overflow:hidden; }
.grid-body[data-zoom="1"] .cell { height:14px; min-height:14px; border-width:1px; }
.grid-body[data-zoom="2"] .cell { height:22px; min-height:22px; text-align:center; font-size:10px; line-height:20px; }
.grid-body[data-zoom="3"] .cell, .grid-body[data-zoom="4"] .cell, .grid-body[data-zoom="5"] .cell { min-height:auto; padding:3px 4px; }
.cell.vmm-plugged { background:var(--plugged); }
.cell.vmm-enabled { background:var(--enabled); }
.cell.vmm-removing { background:var(--removing); }
.cell.online { box-shadow: inset 0 -3px 0 var(--online); }
.cell.selected { outline:2px solid #2563eb; outline-offset:1px; }
.cell[hidden] { display:none; }
.cell-head { display:flex; justify-content:space-between; }
.cell .vmm { font-weight:600; }
.cell button.act { margin-top:2px; font-size:11px; padding:0 4px; }
.detail { flex:0 1 auto; max-height:32%; overflow:auto; }
.detail h3 { margin:0 0 4px; font-size:13px; }
.detail table { border-collapse:collapse; width:100%; }
.detail th { text-align:left; color:var(--muted); font-weight:normal; padding:1px 8px 1px 0; white-space:nowrap; vertical-align:top; }
.detail td { font-family:ui-monospace, monospace; word-break:break-all; }
.detail .buttons { display:flex; gap:6px; margin-top:6px; }
.qmp { flex:0 0 auto; display:flex; flex-direction:column; max-height:30%; }
.qmp-log { overflow:auto; font:11px ui-monospace, monospace; min-height:60px; max-height:160px; border:1px solid var(--line); padding:3px; }
.qmp-line.out { color:#1e40af; } .qmp-line.error { color:#b91c1c; } .qmp-line.event { color:#6d28d9; } .qmp-line.note { color:var(--muted); }
.qmp-line.out::before { content:'→ '; } .qmp-line.in::before, .qmp-line.error::before, .qmp-line.event::before { content:'← '; }
.qmp-input { display:flex; gap:6px; margin-top:4px; } .qmp-input textarea { flex:1; font:12px ui-monospace, monospace; }
.timeline { display:flex; flex-direction:column; }
.tl-lanes { display:flex; border-bottom:1px solid var(--line); font-weight:600; }
.tl-lanes .lane-title { flex:1; text-align:center; }
.tl-time { width:100px; flex:0 0 100px; font-family:ui-monospace, monospace; font-size:11px; color:var(--muted); }
.tl-scroll { position:relative; overflow:auto; flex:1; }
.tl-rows { position:absolute; top:0; left:0; right:0; }
.tl-row { position:absolute; left:0; right:0; height:22px; display:flex; align-items:center; cursor:pointer; }
.tl-row:hover { background:#f1f5ff; } .tl-row.selected { background:#dbe6ff; }
.tl-diagram { position:relative; flex:1; height:100%;
  background: repeating-linear-gradient(to right, transparent 0, transparent calc(10% - 1px), #e3e6ea calc(10% - 1px), #e3e6ea 10%, transparent 10%, transparent 20%); }
.arrow { position:absolute; top:15px; height:0; border-top:1.5px solid #374151; }
.arrow.right::after { content:''; position:absolute; right:-1px; top:-5px; border:4px solid transparent; border-left:7px solid #374151; border-right:0; }
.arrow.left::after { content:''; position:absolute; left:-1px; top:-5px; border:4px solid transparent; border-right:7px solid #374151; border-left:0; }
.arrow.self { top:9px; height:8px; border:1.5px solid #374151; border-left:0; border-radius:0 4px 4px 0; }
.arrow.self.back { border-left:1.5px solid #374151; border-right:0; border-radius:4px 0 0 4px; }
.tl-row .label[style*="right"] { text-align:right; }
.tl-row .label { position:absolute; top:0; white-space:nowrap; font-size:11px; background:rgba(255,255,255,.8); padding:0 2px; }
.tl-row.level-io .label { color:#6b7280; } .tl-row.level-trace .label { color:#7c3aed; }
.tl-row.step { border-left:4px solid transparent; }
.tl-group { font-weight:600; background:#f3f4f6; border-left:4px solid #9ca3af; }
.g0 { border-left-color:#2563eb !important; } .g1 { border-left-color:#16a34a !important; } .g2 { border-left-color:#d97706 !important; }
.g3 { border-left-color:#db2777 !important; } .g4 { border-left-color:#0891b2 !important; } .g5 { border-left-color:#7c3aed !important; }
`;
