"""What ``course.py`` does for a learner, in the standard library only (it runs before
``.venv`` exists, on whatever Python the learner has):

    platforms.py    which Python, what to type on Windows, macOS or Linux; CourseError
    files.py        files written whole or not at all; small JSON records read safely
    environment.py  .venv: create, repair after Ctrl+C, install the requirements
    workspace.py    my-notebooks/: the learner's copies, backups, the read-only solutions
    lab.py          JupyterLab: its arguments and token, its login link, one per workspace
"""
