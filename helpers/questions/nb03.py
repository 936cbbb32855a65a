"""Notebook 03's concept questions (a network with one hidden layer)."""

from .core import Option, Question

QUESTIONS = [
    Question("W1_shape", "rule",
             "What is the shape of W⁽¹⁾ (`W1`), the first layer's weights, for layer sizes "
             "`layer_dims = [n0, n1, ..., nL]`? Return it as a tuple.",
             rule=lambda d: (d[1], d[0]),
             wrong={"that is the shape of W1.T: rows are the layer's units, columns its inputs":
                    lambda d: (d[0], d[1]),
                    "that is b1's shape; W1 has one column per input":
                    lambda d: (d[1], 1)},
             explain="Right: W⁽¹⁾ is (n⁽¹⁾, n⁽⁰⁾), one row per hidden unit and one column per "
                     "input, so that W⁽¹⁾x is (n⁽¹⁾, 1)."),
    Question("tanh_centred", "single",
             "For hidden units, tanh usually trains faster than the sigmoid. Why?",
             [Option("Its outputs lie in (−1, 1) and average near 0, which keeps the next "
                     "layer's inputs centred.", True,
                     "Right: centred activations make the next layer's gradient steps better "
                     "balanced."),
              Option("Its slope never becomes small.", False,
                     "tanh saturates too: its slope 1 − tanh² goes to 0 for large |z|."),
              Option("Its outputs lie between 0 and 1, like probabilities.", False,
                     "That is the sigmoid; it is why the sigmoid suits the output unit of a "
                     "binary classifier."),
              Option("It is much cheaper to compute.", False,
                     "Both cost about the same (an exponential); speed is not the reason.")]),
    Question("linear_hidden", "single",
             "If the hidden layer used g(z) = z (no non-linearity), what could the network draw "
             "on the flower?",
             [Option("Only a straight boundary, as logistic regression does.", True,
                     "Right: W⁽²⁾(W⁽¹⁾x + b⁽¹⁾) + b⁽²⁾ is one linear function of x, however "
                     "many hidden units there are."),
              Option("The petals, if there are enough hidden units.", False,
                     "Without a non-linearity, adding units adds nothing: the layers collapse "
                     "into one linear map (section 4 shows it)."),
              Option("Nothing: training would fail with an error.", False,
                     "It trains fine; it is just no more expressive than one neuron."),
              Option("A circle around each class.", False,
                     "A circle needs a non-linear function of x; a linear network cannot "
                     "make one.")]),
    Question("tanh_slope", "single",
             "In backpropagation, dZ⁽¹⁾ = W⁽²⁾ᵀ dZ⁽²⁾ * g′(Z⁽¹⁾). For tanh hidden units, what "
             "is g′(Z⁽¹⁾) written with what the forward pass cached?",
             [Option("1 − (A⁽¹⁾)²", True,
                     "Right: tanh′(z) = 1 − tanh(z)², and A⁽¹⁾ = tanh(Z⁽¹⁾) is in the cache."),
              Option("1 − (Z⁽¹⁾)²", False,
                     "That squares z itself, not tanh(z); for |z| > 1 it is even negative."),
              Option("A⁽¹⁾(1 − A⁽¹⁾)", False,
                     "That is the sigmoid's slope, σ(z)(1 − σ(z))."),
              Option("1", False, "That is ReLU's slope for z > 0; tanh's depends on z.")]),
    Question("zero_init", "single",
             "What happens if every weight of the network starts at zero?",
             [Option("Every hidden unit computes the same thing and gets the same update, so "
                     "they stay identical: the layer acts like one unit.", True,
                     "Right: the symmetry is never broken, whatever the number of units; "
                     "random starting weights break it."),
              Option("Nothing bad: training only takes a little longer.", False,
                     "The units stay copies of each other for ever, so the extra units are "
                     "wasted (section 6 shows four identical rows)."),
              Option("The gradients become NaN.", False,
                     "They are finite; they are just equal for every hidden unit."),
              Option("Only the biases can learn.", False,
                     "The weights do change; they change in the same way for every unit.")]),
    Question("small_weights", "single",
             "Why are the random starting weights multiplied by a small number such as 0.01?",
             [Option("So that z starts small, where tanh and sigmoid have a large slope and "
                     "learning is fast.", True,
                     "Right: large weights push z into the flat ends, where the slopes, and "
                     "so the gradients, are tiny (section 6's table)."),
              Option("To break the symmetry between hidden units.", False,
                     "The randomness breaks the symmetry; the scale only sets how large z "
                     "starts."),
              Option("So that training gives the same result on every run.", False,
                     "The seed makes runs repeat; the scale does not."),
              Option("Because large weights make the cost negative.", False,
                     "The cross-entropy cost is never negative, whatever the weights.")]),
    Question("more_units", "multiple",
             "What do more hidden units give the network on the flower?",
             [Option("A boundary that can bend in more places.", True,
                     "Yes: each unit adds one more edge the output can combine."),
              Option("A better fit of the training points, up to fitting their noise.", True,
                     "Yes: with enough units the network can follow noise too (over-fitting)."),
              Option("A better test accuracy, always.", False,
                     "Past some size extra units fit noise and the test accuracy stops "
                     "improving or falls."),
              Option("More parameters to learn.", True,
                     "Yes: each hidden unit brings n⁽⁰⁾ weights, a bias and an output "
                     "weight.")]),
]
