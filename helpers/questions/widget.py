"""The answer widget: one box for every kind of question, shown under its markdown.

The learner picks an option (radio buttons for "single", a check box per option for
"multiple"), or types a number ("number") or a rule in ``layer_dims`` ("rule", an
expression such as ``(layer_dims[1], layer_dims[0])``), then presses Check. The box judges
the answer at once with the same ``judge`` as the check cell and says why, in a live region
that screen readers announce. Then it writes the answer into the notebook, which is what
nbgrader grades: the answer cell ``answer_<name>`` below is given the line
``return <answer>`` and run, and so is its check cell. That needs JupyterLab started with
``--LabApp.expose_app_in_browser=True`` (``course.py lab``, the JupyterHub image and the
browser tests start it so); anywhere else the box says which line to type.

``answer_box(question)`` returns the VBox; ``answer_source(question, ...)`` is the line the
controls stand for. Every control is labelled and works from the keyboard (Tab, arrows,
Space, Enter).
"""

import ast
import html
import json
import time

import ipywidgets as widgets
import numpy as np
from IPython.display import Javascript, display

from ..widgets.common import LIVE
from .core import LETTERS, example, judge

# Writes ``body`` as the answer cell's body (the def line and its docstring kept), runs the
# answer cell and its check, gives the focus back to the Check button and says what it did.
WRITE_JS = """(async () => {
  const [name, body, made] = %s;
  // Once per press: not again when the page redraws it, nor from a widget state saved long ago.
  window.courseWrites = window.courseWrites || new Set();
  if (window.courseWrites.has(made) || Math.abs(Date.now() - made) > 600000) { return; }
  window.courseWrites.add(made);
  const say = text => { element.textContent = text; };
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  const cells = panel && panel.content && panel.content.widgets;
  const head = 'def answer_' + name + '(';
  const index = cells ? cells.findIndex(c => c.model.type === 'code' &&
      c.model.sharedModel.getSource().split('\\n').some(l => l.startsWith(head))) : -1;
  if (index < 0) {
    say('Put this line in the body of answer_' + name + ' below, then run it and its check: '
        + body);
    return;
  }
  const lines = cells[index].model.sharedModel.getSource().split('\\n');
  let keep = lines.findIndex(l => l.startsWith(head)) + 1;    // after the def line
  const first = (lines[keep] || '').trim();
  if (first.startsWith('\"\"\"')) {                              // and its docstring
    let end = keep;
    if (first.length < 6 || !first.endsWith('\"\"\"')) {
      end += 1;
      while (end < lines.length && !lines[end].includes('\"\"\"')) { end += 1; }
    }
    keep = end + 1;
  }
  const focused = document.activeElement;
  cells[index].model.sharedModel.setSource(lines.slice(0, keep).concat(['    ' + body]).join('\\n'));
  const check = cells.findIndex(
      c => c.model.sharedModel.getSource().trim() === 'check_question(answer_' + name + ')');
  try {
    for (const k of (check >= 0 ? [index, check] : [index])) {
      panel.content.deselectAll();
      panel.content.activeCellIndex = k;
      await app.commands.execute('notebook:run-cell');
    }
    say('Written into answer_' + name + ' below and run' + (check >= 0 ? ', with its check.' : '.'));
  } catch (err) {
    say('Written into answer_' + name + ' below: run it and its check.');
  }
  if (focused) { focused.focus(); }
})();"""


def answer_source(question, picked=None, text=""):
    """``(line, value, problem)``: the ``return ...`` line the controls stand for, the answer
    it returns (what ``answer_<name>`` gives; for a rule, a function of ``layer_dims``), and
    a sentence if there is no answer yet (then line and value are None)."""
    if question.kind in ("single", "multiple"):
        picked = sorted(picked or ())
        if not picked:
            return None, None, "Choose an option first."
        if question.kind == "single":
            return f'return "{picked[0]}"', picked[0], ""
        letters = ", ".join(f'"{k}"' for k in picked)
        return f"return {{{letters}}}", set(picked), ""
    text = (text or "").strip()
    if not text:
        return None, None, ("Type a number first." if question.kind == "number"
                            else "Type your rule first: an expression in layer_dims.")
    if question.kind == "number":
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            value = None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, None, f"{text!r} is not a number: type one such as 7 or 0.25."
        return f"return {value!r}", value, ""
    try:
        rule = eval(compile(f"lambda layer_dims: ({text})", "<your rule>", "eval"),  # noqa: S307
                    {"np": np})
    except SyntaxError as exc:
        return None, None, (f"{text!r} does not read as a Python expression ({exc.msg}): "
                            f"write e.g. (layer_dims[1], layer_dims[0]).")
    return f"return {text}", rule, ""


def feedback_html(right, lines, line):
    """The verdict as HTML: ✓ or ✗ (never colour alone), why, and the line written."""
    mark = "✓ Right" if right else "✗ Not yet"
    why = "".join(f"<p>{html.escape(text)}</p>" for text in lines if text)
    how = "" if right else "<p>Change your answer and press Check again.</p>"
    return (f"<div><b>{mark}.</b>{why}{how}"
            f"<p>Your answer cell: <code>{html.escape(line)}</code></p></div>")


def _controls(question):
    """The input controls of ``question`` and a function reading ``(picked, text)``."""
    full = widgets.Layout(width="100%")
    if question.kind == "single":
        choice = widgets.RadioButtons(
            options=[(f"({k}) {o.text}", k) for k, o in question.letters().items()], value=None,
            description="Your answer", style={"description_width": "initial"}, layout=full)
        return [choice], lambda: ({choice.value} if choice.value else set(), "")
    if question.kind == "multiple":
        boxes = [widgets.Checkbox(value=False, description=f"({k}) {o.text}", indent=False,
                                  layout=full) for k, o in question.letters().items()]
        return ([widgets.Label("Your answer: select all that apply"), *boxes],
                lambda: ({LETTERS[k] for k, b in enumerate(boxes) if b.value}, ""))
    label = "Your number" if question.kind == "number" else "Your rule, in layer_dims"
    hint = "e.g. 7" if question.kind == "number" else "e.g. (layer_dims[1], layer_dims[0])"
    field = widgets.Text(value="", description=label, placeholder=hint,
                         style={"description_width": "initial"},
                         layout=widgets.Layout(width="100%", max_width="640px"))
    shown = [field]
    if question.kind == "rule":
        shown.insert(0, widgets.Label(example(question)[1] + " The check tries it and four more."))
    return shown, lambda: (set(), field.value)


def answer_box(question):
    """The answer widget of ``question`` (a VBox): its controls, Check, the verdict."""
    controls, read = _controls(question)
    check = widgets.Button(description="Check", tooltip=f"Check your answer to {question.name}",
                           button_style="")
    verdict = widgets.HTML("", layout=widgets.Layout(width="100%"))
    verdict.add_class(LIVE)
    writer = widgets.Output()

    def on_check(_):
        with writer:
            writer.clear_output()
            picked, text = read()
            line, value, problem = answer_source(question, picked, text)
            if problem:
                verdict.value = f"<p>{html.escape(problem)}</p>"
                return
            right, lines = judge(question, value)
            verdict.value = feedback_html(right, lines, line)
            made = int(time.time() * 1000)
            display(Javascript(WRITE_JS % json.dumps([question.name, line, made])))

    check.on_click(on_check)
    return widgets.VBox([*controls, check, verdict, writer])
