"""Shared pieces of the notebooks' widgets: slider helpers, redraw, panel layout."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from traitlets import Unicode

from ..validation import TrainingDiverged

WIDE = {"description_width": "initial"}
LAYOUT = widgets.Layout(width="320px")


def readable(x):
    """A short label for a positive number: 1e-4, 2.5e-4, 0.001, 0.01, 0.3, 3.2, 10."""
    if x < 1e-3:
        mantissa, exponent = f"{x:.1e}".split("e")
        return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"
    return f"{x:g}"


def log_values(value, low, high, step=0.1):
    """Values from exactly ``low`` to exactly ``high``, about ``step`` apart in log10
    (0.1: ten per decade), rounded to two significant digits so each reads as it is
    used; ``value`` is one of them. Returns a sorted list of floats."""
    if not 0 < low <= value <= high:
        raise ValueError(f"log_values needs 0 < low <= value <= high; got low={low}, "
                         f"value={value}, high={high}")
    count = int(np.floor((np.log10(high) - np.log10(low)) / step + 1e-9))
    grid = {float(f"{x:.2g}") for x in 10 ** (np.log10(low) + step * np.arange(1, count + 1))}
    return sorted({x for x in grid if low < x < high} | {float(low), float(value), float(high)})


def log_slider(value, low, high, description, step=0.1):
    """A slider over ``log_values(value, low, high, step)``: its ends are exactly ``low``
    and ``high``, it starts at ``value``, and its readout is ``readable`` (1e-4, 0.01,
    3.2). ``.value`` is the float chosen; the labels and values are in ``.options``."""
    options = [(readable(x), x) for x in log_values(value, low, high, step)]
    return widgets.SelectionSlider(options=options, value=float(value), description=description,
                                   continuous_update=False, style=WIDE, layout=LAYOUT)


def redraw(out, draw):
    """Run ``draw() -> figure`` and show the figure in the Output ``out``.

    Bad settings (``ValueError``, ``TrainingDiverged``) print their message in the
    output; any other error shows its traceback there (the ``with out`` block).
    """
    with out:
        out.clear_output(wait=True)
        try:
            fig = draw()
        except (ValueError, TrainingDiverged) as exc:
            print(f"Cannot draw this setting: {exc}")
            return None
        display(fig)
        plt.close(fig)
        return fig


def panel(controls, out, draw, status=()):
    """Wire every control to redraw ``out``, draw once, and return the VBox.

    ``status`` widgets (progress bars) are shown beside the controls but not
    observed: the redraw itself moves them.
    """
    for c in controls:
        c.observe(lambda change: redraw(out, draw), names="value")
    redraw(out, draw)
    shown = list(controls) + list(status)
    return widgets.VBox([widgets.HBox(shown[:3]), widgets.HBox(shown[3:]), out])


POINTER_ONLY = "course-pointer-only"   # the class of a canvas drawn on with the mouse alone
LIVE = "course-live"                    # a widget whose new text screen readers announce
SCREEN_READER_ONLY = "course-sr-only"   # a widget read by screen readers, not drawn

# Two gaps of the widget libraries, filled in the page by a script that runs once per page and
# again whenever widgets are drawn: ipywidgets 8.1 draws a slider's handle (role="slider")
# without a name for screen readers (its description is a <label> tied to nothing), so each
# handle is named after its slider's visible label; and ipycanvas 0.14 swallows every key,
# Tab included, on a focused canvas, so canvases of class POINTER_ONLY (each has keyboard
# controls beside it) leave the Tab order instead of trapping the keyboard. Widgets of class
# LIVE become polite live regions (a state change or a verdict is announced), and those of
# class SCREEN_READER_ONLY are kept off the screen but in the page. An image widget's title
# (a playground frame's text, FrameImage) is its <img alt> too. Keys pressed on a radio
# button, check box, drop-down or button are the control's: JupyterLab's notebook shortcuts
# (ArrowDown moves to the next cell, Space scrolls) would otherwise take them away. The radio
# buttons of one RadioButtons widget get one name, so that they form one group: Tab enters
# it once and the arrow keys move the choice (ipywidgets 8.1 names none).
ACCESSIBILITY_JS = """(() => {
  if (window.courseAccessibility) { return; }
  window.courseAccessibility = true;
  const style = document.createElement('style');
  style.textContent = '.%s { position: absolute !important; width: 1px; height: 1px; ' +
    'overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }';
  document.head.appendChild(style);
  const OWN_KEYS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', ' ', 'Enter', 'Home', 'End'];
  const fill = () => {
    document.querySelectorAll('.widget-radio-box, .widget-checkbox, .widget-dropdown, ' +
        '.widget-toggle-buttons, .widget-button').forEach(e => {
      if (!e.hasAttribute('data-lm-suppress-shortcuts')) {
        e.setAttribute('data-lm-suppress-shortcuts', 'true');
        e.addEventListener('keydown', event => {
          if (OWN_KEYS.includes(event.key)) { event.stopPropagation(); }
        });
      }
    });
    document.querySelectorAll('.widget-radio-box:not([data-course-group])').forEach(box => {
      window.courseRadioGroups = (window.courseRadioGroups || 0) + 1;
      box.setAttribute('data-course-group', window.courseRadioGroups);
      box.setAttribute('role', 'radiogroup');
      box.querySelectorAll('input[type=radio]').forEach(
        r => r.setAttribute('name', 'course-radio-' + window.courseRadioGroups));
    });
    document.querySelectorAll('.%s:not([aria-live])').forEach(e => {
      e.setAttribute('role', 'status');
      e.setAttribute('aria-live', 'polite');
    });
    document.querySelectorAll('img.widget-image[title]').forEach(img => {
      if (img.alt !== img.title) { img.alt = img.title; }
    });
    document.querySelectorAll('.widget-slider .noUi-handle:not([aria-label])').forEach(h => {
      const label = h.closest('.widget-slider').querySelector('.widget-label');
      if (label && label.textContent.trim()) { h.setAttribute('aria-label', label.textContent.trim()); }
    });
    document.querySelectorAll('.%s canvas[tabindex="0"], canvas.%s[tabindex="0"]').forEach(
      c => c.setAttribute('tabindex', '-1'));
  };
  fill();
  new MutationObserver(fill).observe(document.body, {childList: true, subtree: true,
                                                    attributes: true, attributeFilter: ['title']});
})();""" % (SCREEN_READER_ONLY, LIVE, POINTER_ONLY, POINTER_ONLY)


class FrameImage(widgets.Image):
    """An Image widget whose ``tooltip`` is the picture's text (the
    img's title, read by screen readers). ipywidgets 8.1's view reads the model's
    ``description`` before it sets a title, and the Image model has none: this one has an
    empty one, so the title is set."""
    description = Unicode("").tag(sync=True)


def show(widget, text):
    """Display ``widget``; where no kernel runs it (GitHub, nbviewer) ``text`` shows instead.

    A stored widget output keeps only its plain-text part outside JupyterLab, which
    would read ``VBox(children=(...))``. ``text`` replaces it: say in one sentence
    what the widget does and that it runs in JupyterLab. Returns None, so that
    ``show(...)`` as a cell's last line does not display the widget a second time.
    Before the widget it displays ``ACCESSIBILITY_JS`` (JupyterLab runs it for the cells
    the learner runs): slider handles named, pointer-only canvases out of the Tab order.
    """
    bundle = widget._repr_mimebundle_()
    bundle["text/plain"] = text
    display({"application/javascript": ACCESSIBILITY_JS, "text/plain": ""}, raw=True)
    display(bundle, raw=True)
