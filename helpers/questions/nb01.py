"""Notebook 01's concept questions (introduction to deep learning)."""

from .core import Option, Question


def parameter_count(dims):
    return sum(n * before + n for before, n in zip(dims[:-1], dims[1:]))


QUESTIONS = [
    Question("relu_house", "single",
             "The one-neuron house-price model above draws a ReLU: flat at 0 for the smallest "
             "sizes, then a straight line. Why not simply a straight line?",
             [Option("A price cannot be negative, and a straight line fitted to the houses "
                     "goes below zero for small sizes.", True,
                     "Right: ReLU(wx + b) = max(0, wx + b) keeps the line where it fits and "
                     "clips it at 0 where a straight line would predict a negative price."),
              Option("ReLU is cheaper to compute than a straight line.", False,
                     "A straight line wx + b is already as cheap as it gets; ReLU adds a max. "
                     "The reason is what the prediction may be, not speed."),
              Option("A straight line cannot pass near six points.", False,
                     "A line can fit six points about as well as the ReLU does where prices "
                     "are positive; the trouble is only at small sizes, where it goes negative."),
              Option("ReLU makes the cost J smaller for every choice of w and b.", False,
                     "For some w and b a plain line has the smaller cost; ReLU changes what the "
                     "model can predict (never below 0), not every cost.")]),
    Question("hidden_units", "single",
             "In the network of houses above, who decides what each hidden unit computes "
             "(\"family size\", \"walkability\"...)?",
             [Option("We do: each hidden unit is given its meaning and its inputs.", False,
                     "Those names are only a hope. Every hidden unit sees every input, and "
                     "nothing in the network says what a unit stands for."),
              Option("Training does: gradient descent sets every unit's weights, and what a "
                     "unit ends up computing follows from them.", True,
                     "Right: a hidden unit is a weighted sum of all inputs passed through "
                     "g(z); its weights, and so its role, come out of training."),
              Option("The output unit, which tells each hidden unit what to look for.", False,
                     "The output unit only combines the hidden units' values; information "
                     "flows from the inputs through the hidden layer to the output."),
              Option("Nobody: hidden units stay random and only the output unit learns.",
                     False, "Backpropagation updates the hidden layer's weights too; that is "
                     "how hidden units become useful.")]),
    Question("supervised", "multiple",
             "Which of these are supervised learning (every training example comes with the "
             "right answer y)?",
             [Option("Predicting a house's price from its size, learning from past sales.",
                     True, "Supervised: each past sale is a pair (x = size, y = price)."),
              Option("Tagging photos as \"odd digit\" or \"even digit\" from labelled images.",
                     True, "Supervised: each image comes with its label y."),
              Option("Splitting customers into groups when nobody has labelled any customer.",
                     False, "With no y at all there is nothing to map x to: that is "
                     "unsupervised learning (clustering), not supervised."),
              Option("Turning speech into text, learning from recordings with transcripts.",
                     True, "Supervised: each recording x has its transcript y.")]),
    Question("unstructured", "single",
             "Which of these is unstructured data?",
             [Option("The pixels of the handwritten digits in this course.", True,
                     "Right: raw signal, where no single number (one pixel) means much on "
                     "its own."),
              Option("A table of houses with size, bedrooms and price.", False,
                     "Structured: each column has a meaning you can name."),
              Option("A log of ad clicks with the user's age and the ad's category.", False,
                     "Structured: rows of named fields, like a spreadsheet."),
              Option("A list of flights with their departure delay in minutes.", False,
                     "Structured: a table whose columns mean something.")]),
    Question("image_network", "single",
             "In the table of applications, which kind of network goes with images?",
             [Option("A convolutional network (CNN).", True,
                     "Right: its layers look at small neighbourhoods of pixels and reuse the "
                     "same weights across the image."),
              Option("A recurrent network (RNN).", False,
                     "RNNs are for sequences in time, such as audio and text."),
              Option("A network with no hidden layer.", False,
                     "One weighted sum of the pixels is logistic regression; notebook 02 shows "
                     "how little it can see in digits."),
              Option("Any network: the kind of data does not matter.", False,
                     "The table pairs different data with different networks for a reason: "
                     "the structure of the network suits the structure of the data.")]),
    Question("perceptron_nudge", "single",
             "The next cell moves the weight from 0.99 to 1.01 (so z = w − 1 goes from −0.01 "
             "to 0.01). What will the perceptron's output do?",
             [Option("Jump from 0 to 1.", True,
                     "Right: a step function has no in-between; a tiny nudge across z = 0 "
                     "flips the output, and anywhere else it changes nothing."),
              Option("Rise a little, from about 0.5 to just above 0.5.", False,
                     "That is what the sigmoid neuron does; the perceptron outputs only 0 or 1."),
              Option("Stay the same: 0.02 is too small to matter.", False,
                     "Away from z = 0 it would, but here the nudge crosses 0, where the "
                     "step is."),
              Option("Go from 1 to 0.", False,
                     "The output is 1 when wx + b > 0, and z goes from −0.01 to +0.01: the "
                     "output leaves 0, it does not arrive there.")], predict=True),
    Question("why_now", "multiple",
             "Which of these made deep learning take off in the last two decades?",
             [Option("Far more labelled data (phones, cameras, the web).", True,
                     "Yes: big networks keep improving with more data, and there is now "
                     "much more of it."),
              Option("Faster computation (GPUs and specialised chips).", True,
                     "Yes: bigger networks trained in hours instead of weeks, so more ideas "
                     "could be tried."),
              Option("Better algorithms, such as ReLU in place of sigmoid.", True,
                     "Yes: ReLU's slope of 1 for z > 0 makes gradient descent much faster "
                     "(section 6 measures it)."),
              Option("Proof that networks learn the way the brain does.", False,
                     "There is no such proof; section 10 of notebook 04 says how loose the "
                     "brain analogy is.")]),
    Question("small_data", "single",
             "The next cell trains logistic regression and three networks of growing size on "
             "100 up to 4,000 images. With only 100 images, how will the four compare?",
             [Option("All four close together.", True,
                     "Right: with little data no model has much to learn from, and the order "
                     "depends more on details than on size."),
              Option("The largest network far ahead of the others.", False,
                     "The advantage of big networks grows with the amount of data; at 100 "
                     "images there is too little for it to show."),
              Option("Logistic regression far ahead of every network.", False,
                     "It can win by a little on small data, but not by far here: watch the "
                     "left column."),
              Option("The networks fail to train at all.", False,
                     "They train; they just have little data to generalise from.")],
             predict=True),
    Question("parameter_count", "rule",
             "A network's parameters are all its weights and biases. How many does a network "
             "with layer sizes `layer_dims = [n0, n1, ..., nL]` have?",
             rule=parameter_count,
             wrong={"that counts the weights only: each layer also has a bias per unit":
                    lambda d: sum(n * b for b, n in zip(d[:-1], d[1:])),
                    "that adds a bias to the input layer too: the inputs have none":
                    lambda d: parameter_count(d) + d[0]},
             explain="Right: layer l has n[l] × n[l−1] weights and n[l] biases."),
    Question("relu_slope", "number",
             "What is the slope (derivative) of ReLU at z = 3?",
             value=1, wrong={3: "3 is ReLU(3) = max(0, 3), the value, not the slope.",
                             0: "The slope is 0 only for z < 0; at z = 3 ReLU is the line z."},
             explain="Right: for z > 0 ReLU(z) = z, whose slope is 1 (for z < 0 it is 0)."),
    Question("sigmoid_race", "single",
             "The next cell trains the same network twice, once with sigmoid and once with "
             "ReLU hidden units, from the same start. Which cost will fall first?",
             [Option("The ReLU network's.", True,
                     "Right: its slope is 1 wherever z > 0, so the gradients reaching the "
                     "first layers stay large."),
              Option("The sigmoid network's.", False,
                     "The sigmoid's slope is at most 0.25, and the layers' slopes multiply: "
                     "its first layers get tiny gradients and learn slowly."),
              Option("Both at the same pace: the activation does not change training.", False,
                     "Gradient descent moves each weight in proportion to a slope, and the "
                     "two activations have very different slopes.")], predict=True),
    Question("when_deep", "multiple",
             "When is deep learning likely to be the right tool?",
             [Option("Many labelled examples of images, audio or text.", True,
                     "Yes: lots of data and unstructured inputs are where it shines."),
              Option("Two hundred rows of a table with well-chosen columns.", False,
                     "With little data and good features, simpler methods are often as good "
                     "and easier to explain."),
              Option("A task where you can train quickly and try many ideas.", True,
                     "Yes: progress comes from trying ideas, and fast training means more "
                     "tries."),
              Option("A task where every prediction must be explained by a short rule.", False,
                     "A deep network's answer is hard to explain in a few words; a small "
                     "model may suit better.")]),
]
