"""Start the chat over the shipped corpus: `python app.py [--host 127.0.0.1] [--port 7860]`, then open the URL."""

import os
import sys

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before anything imports gradio

from assistant.ui import main

if __name__ == "__main__":
    sys.exit(main())
