"""Notebook 02's concept questions (logistic regression, vectorization, broadcasting)."""

from .core import Option, Question

QUESTIONS = [
    Question("w_shape", "single",
             "Logistic regression on colour images of 64 × 64 pixels (3 channels), each unrolled "
             "into a column x. What is the shape of w in ŷ = σ(wᵀx + b)?",
             [Option("(12288, 1)", True,
                     "Right: one weight per input number, 64 · 64 · 3 = 12,288, as a column "
                     "(n_x, 1), so that wᵀx is one number."),
              Option("(1, 12288)", False,
                     "That is the shape of wᵀ. The course keeps w a column (n_x, 1) and "
                     "writes the transpose in the formula."),
              Option("(64, 64, 3)", False,
                     "That is the shape of one image before it is unrolled; the model works on "
                     "the column x of n_x numbers."),
              Option("(m, 1)", False,
                     "w does not depend on how many examples there are: the same weights "
                     "serve every example.")]),
    Question("cost_is_mean", "single",
             "What is the cost J of logistic regression?",
             [Option("The mean of the losses L(ŷ⁽ⁱ⁾, y⁽ⁱ⁾) over the m training examples.",
                     True, "Right: the loss is one example's error, the cost their average, "
                     "J = (1/m) Σ L."),
              Option("The loss of the last training example.", False,
                     "One example says little about the parameters; the cost averages over "
                     "all m of them."),
              Option("The mean squared error (ŷ − y)², averaged over the examples.", False,
                     "Squared error with a sigmoid makes a cost with many flat regions and "
                     "local minima (section 3's surface); the course uses cross-entropy."),
              Option("The largest loss over the examples.", False,
                     "That would train only on the worst example; the cost is the average.")]),
    Question("dz_one_example", "single",
             "For one example, the loss L = −(y log a + (1 − y) log(1 − a)) with a = σ(z). "
             "What is dz = ∂L/∂z?",
             [Option("a − y", True,
                     "Right: da = −y/a + (1 − y)/(1 − a) and da/dz = a(1 − a); their "
                     "product simplifies to a − y."),
              Option("y − a", False,
                     "The sign is flipped: when a is larger than y, raising z makes the loss "
                     "larger, so the slope is positive, a − y."),
              Option("a(1 − a)", False,
                     "That is σ'(z), only the second factor of the chain rule; it still "
                     "needs to be multiplied by ∂L/∂a."),
              Option("(a − y) x", False,
                     "That is dw, the slope with respect to the weights: dz times x.")]),
    Question("vectorize", "multiple",
             "What does replacing the loop over examples by numpy's array operations give you?",
             [Option("Much faster code: numpy's loops run in compiled code (section 9's race).",
                     True, "Yes: the same arithmetic, done without Python's per-step overhead."),
              Option("Shorter code that reads like the course's equations.", True,
                     "Yes: Z = wᵀX + b is one line for all m examples."),
              Option("Different, more accurate results.", False,
                     "The results are the same up to rounding; only the speed changes."),
              Option("No loop at all, not even over gradient-descent iterations.", False,
                     "Each iteration needs the parameters the previous one produced, so that "
                     "loop stays.")]),
    Question("broadcast_size", "number",
             "How many numbers does `np.ones((3, 1)) + np.ones((1, 4))` hold?",
             value=12,
             wrong={7: "3 + 4 adds the sizes; broadcasting stretches both to (3, 4).",
                    4: "Broadcasting stretches the (3, 1) column across 4 columns too: the "
                       "result is (3, 4).",
                    3: "Broadcasting stretches the (1, 4) row down 3 rows too: the result "
                       "is (3, 4)."},
             explain="Right: the (3, 1) column and the (1, 4) row both stretch to (3, 4), "
                     "12 numbers."),
    Question("sum_axis", "single",
             "A has shape (3, 4). What is the shape of `A.sum(axis=0)`?",
             [Option("(4,)", True,
                     "Right: axis=0 collapses the rows, one sum per column, and without "
                     "keepdims the result is rank 1."),
              Option("(3,)", False, "That is axis=1: one sum per row."),
              Option("(1, 4)", False,
                     "That is what keepdims=True gives; without it the collapsed axis is "
                     "dropped."),
              Option("(3, 1)", False, "That is axis=1 with keepdims=True.")]),
    Question("rank_one", "single",
             "`a = np.zeros(5)`. What is `a.T.shape`?",
             [Option("(5,)", True,
                     "Right: a rank-1 array has one axis, and transposing it does nothing; "
                     "use np.zeros((5, 1)) for a column."),
              Option("(1, 5)", False,
                     "That would be a row vector of rank 2; a is rank 1, and .T leaves it "
                     "as it is."),
              Option("(5, 1)", False,
                     "Transposing a rank-1 array does not make a column; reshape(5, 1) does.")]),
]
