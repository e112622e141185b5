"""Answer kinds that sit beside the record look-ups of assistant.answer: small talk and help (smalltalk),
arithmetic on cited figures (derived), and what earlier turns of a conversation refer to (refs)."""
