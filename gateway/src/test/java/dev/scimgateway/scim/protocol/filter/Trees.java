package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.filter.Literal.BooleanLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.NullLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.NumberLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.StringLiteral;
import java.math.BigDecimal;

/** Short constructors so expected trees in tables read like the filters they come from. */
final class Trees {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";

    private Trees() {
    }

    static AttrPath path(String dotted) {
        int dot = dotted.indexOf('.');
        return dot < 0 ? AttrPath.of(dotted) : AttrPath.of(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    static Compare cmp(String path, CompareOp op, Literal value) {
        return new Compare(path(path), op, value);
    }

    static Compare eq(String path, String value) {
        return cmp(path, CompareOp.EQ, str(value));
    }

    static StringLiteral str(String s) {
        return new StringLiteral(s);
    }

    static NumberLiteral num(String n) {
        return new NumberLiteral(new BigDecimal(n));
    }

    static BooleanLiteral bool(boolean b) {
        return new BooleanLiteral(b);
    }

    static NullLiteral nul() {
        return NullLiteral.INSTANCE;
    }

    static Present pr(String path) {
        return new Present(path(path));
    }

    static And and(Filter l, Filter r) {
        return new And(l, r);
    }

    static Or or(Filter l, Filter r) {
        return new Or(l, r);
    }

    static Not not(Filter f) {
        return new Not(f);
    }

    static ValuePath vp(String path, Filter inner) {
        return new ValuePath(path(path), inner);
    }
}
