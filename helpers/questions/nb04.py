"""Notebook 04's concept questions (a deep L-layer network)."""

from .core import Option, Question

QUESTIONS = [
    Question("dW_last_shape", "rule",
             "What is the shape of dW⁽ᴸ⁾, the gradient of the last layer's weights, for layer "
             "sizes `layer_dims = [n0, n1, ..., nL]`? Return it as a tuple.",
             rule=lambda d: (d[-1], d[-2]),
             wrong={"that is the shape of (dW[L]).T: dW has the shape of W, (n[L], n[L-1])":
                    lambda d: (d[-2], d[-1]),
                    "that is the first layer's shape; the last layer is layer L":
                    lambda d: (d[1], d[0]),
                    "that is db[L]'s shape":
                    lambda d: (d[-1], 1)},
             explain="Right: dW⁽ᴸ⁾ has the shape of W⁽ᴸ⁾, (n⁽ᴸ⁾, n⁽ᴸ⁻¹⁾)."),
    Question("why_deep", "single",
             "Computing the parity (XOR) of n bits: why does depth help?",
             [Option("A deep network needs about 2 units per bit, while one hidden layer needs "
                     "exponentially many (2ⁿ⁻¹).", True,
                     "Right: the deep network computes XORs in a tree of about log₂ n layers; "
                     "a single layer must list every odd pattern."),
              Option("Deep networks train faster than shallow ones.", False,
                     "Not in general: the gain here is in how many units are needed, not in "
                     "speed."),
              Option("A single hidden layer cannot compute parity at all.", False,
                     "It can, with enough units (2ⁿ⁻¹ of them): the table in section 4 counts "
                     "them."),
              Option("Depth removes the need for non-linear activations.", False,
                     "Without non-linear activations any depth collapses into one linear "
                     "function.")]),
    Question("cache_holds", "single",
             "What does the forward pass keep in its caches for the backward pass?",
             [Option("For each layer: A⁽ˡ⁻¹⁾, W⁽ˡ⁾ and b⁽ˡ⁾, and Z⁽ˡ⁾.", True,
                     "Right: dW⁽ˡ⁾ needs A⁽ˡ⁻¹⁾, dA⁽ˡ⁻¹⁾ needs W⁽ˡ⁾, and g′(Z⁽ˡ⁾) needs Z⁽ˡ⁾."),
              Option("Only the final output Aᴸ.", False,
                     "Aᴸ starts the backward pass, but every layer's gradient needs that "
                     "layer's own values."),
              Option("The gradients dW and db.", False,
                     "The gradients are what the backward pass computes; they cannot be "
                     "known during the forward pass."),
              Option("The learning rate and the number of iterations.", False,
                     "Those are hyperparameters of training; the caches hold values of one "
                     "forward pass.")]),
    Question("gradient_check", "single",
             "Gradient checking compares backpropagation's gradient with what?",
             [Option("The two-sided difference (J(θ + ε) − J(θ − ε)) / 2ε for each parameter.",
                     True, "Right: the definition of a derivative, computed numerically."),
              Option("The gradient of the previous iteration.", False,
                     "Gradients change from one iteration to the next; that says nothing "
                     "about whether backprop is right."),
              Option("The same gradient computed with float32 numbers.", False,
                     "A lower precision gives the same formula's result; a wrong formula "
                     "would be wrong in both."),
              Option("Zero, since the gradient vanishes at the minimum.", False,
                     "Away from the minimum the gradient is not zero; the check compares "
                     "it with a numerical estimate.")]),
    Question("test_cost_turns", "single",
             "The next cells train the playground's default network (3 × 10 ReLU units, 1,000 "
             "training images) for 600 iterations at α = 0.3. Once its train cost is near zero, "
             "what will its test cost do?",
             [Option("Climb: the network starts to fit its training images' noise.", True,
                     "Right: that is over-fitting, the gap course 2 closes with "
                     "regularization."),
              Option("Fall to near zero as well.", False,
                     "The test images were not trained on; a train cost near zero says the "
                     "network memorised its own images, not that it knows every digit."),
              Option("Stay exactly where it was at the start.", False,
                     "It falls at first, while the network learns what digits share.")],
             predict=True),
    Question("hyperparameters", "multiple",
             "Which of these are hyperparameters (chosen before training, not learned)?",
             [Option("The learning rate α.", True, "Yes: you choose it; gradient descent uses it."),
              Option("The number of hidden layers.", True, "Yes: it fixes the network's shape."),
              Option("The weights W⁽¹⁾.", False,
                     "Weights are parameters: gradient descent learns them."),
              Option("The number of units per layer.", True, "Yes: part of the shape you choose."),
              Option("The biases b⁽²⁾.", False, "Biases are parameters, learned like weights."),
              Option("The number of iterations.", True,
                     "Yes: how long to train is your choice.")]),
]
