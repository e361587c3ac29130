package io.edgeproof.zkml.zk;

import io.edgeproof.field.Ext3;
import java.util.List;

/**
 * coefficient * (1 - b) * (product of public tables) * (product of forms): one summand of a masked
 * zero-check. The (1 - b) factor, implicit in every term, keeps the random half of the masked columns out of
 * every constraint. A term without forms is a public constant: its sum moves to the check's claimed sum.
 * Terms that share a factor should share the list object (the prover builds one table per factor).
 */
record Term(Ext3 coefficient, List<PublicTable> factor, int[] forms) {
    Term {
        // the factor list is kept as given (callers pass immutable lists): the prover shares tables by identity
        forms = forms.clone();
    }

    static Term of(Ext3 coefficient, List<PublicTable> factor, int... forms) {
        return new Term(coefficient, factor, forms);
    }

    int factorAxes() {
        int axes = 0;
        for (PublicTable t : factor) {
            axes |= t.axes();
        }
        return axes;
    }
}
