// Walks binaryen expression trees. Knows the children of every expression kind
// that the engines Sail targets can run (MVP, sign-extension, non-trapping
// float-to-int, bulk memory, multi-value, reference types, tail calls); any
// other kind is reported through `onUnknown` so the caller can refuse it.
/** Field names holding child expressions, by binaryen expression id name. */
const CHILD_FIELDS = {
    Block: ["children"],
    If: ["condition", "ifTrue", "ifFalse"],
    Loop: ["body"],
    Break: ["condition", "value"],
    Switch: ["condition", "value"],
    Call: ["operands"],
    CallIndirect: ["target", "operands"],
    LocalGet: [],
    LocalSet: ["value"],
    GlobalGet: [],
    GlobalSet: ["value"],
    Load: ["ptr"],
    Store: ["ptr", "value"],
    Const: [],
    Unary: ["value"],
    Binary: ["left", "right"],
    Select: ["ifTrue", "ifFalse", "condition"],
    Drop: ["value"],
    Return: ["value"],
    MemorySize: [],
    MemoryGrow: ["delta"],
    Nop: [],
    Unreachable: [],
    MemoryInit: ["dest", "offset", "size"],
    DataDrop: [],
    MemoryCopy: ["dest", "source", "size"],
    MemoryFill: ["dest", "value", "size"],
    RefNull: [],
    RefIsNull: ["value"],
    RefFunc: [],
    RefEq: ["left", "right"],
    TableGet: ["index"],
    TableSet: ["index", "value"],
    TableSize: [],
    TableGrow: ["value", "delta"],
    TupleMake: ["operands"],
    TupleExtract: ["tuple"],
    Pop: [],
};
export function makeWalker(b) {
    const names = new Map();
    for (const [name, id] of Object.entries(b.ExpressionIds))
        names.set(id, name);
    const nop = b.ExpressionIds["Nop"];
    const unreachable = b.ExpressionIds["Unreachable"];
    const idName = (id) => names.get(id) ?? `#${id}`;
    const info = (e) => {
        const id = b.getExpressionId(e);
        if (id === nop || id === unreachable)
            return { id, type: b.getExpressionType(e) };
        return b.getExpressionInfo(e);
    };
    const children = (e, given) => {
        const i = given ?? info(e);
        const fields = CHILD_FIELDS[idName(i.id)];
        if (fields === undefined)
            return null;
        const out = [];
        for (const f of fields) {
            const v = i[f];
            if (Array.isArray(v))
                for (const c of v) {
                    if (typeof c === "number" && c !== 0)
                        out.push(c);
                }
            else if (typeof v === "number" && v !== 0)
                out.push(v);
        }
        return out;
    };
    return { idName, children, info };
}
//# sourceMappingURL=walk.js.map