"""Write a tiny random-weight llama model as GGUF (0.5 MB), to try a real llama.cpp server where no
model can be downloaded. Its words are noise, but the server, its chat template, its grammar-bound
JSON and tool calls and its errors are real. Needs `pip install gguf numpy`:

    python tests/live/make_tiny_gguf.py tiny.gguf
    python -m llama_cpp.server --model tiny.gguf --model_alias local --port 8011 --n_ctx 16384
"""

import sys

import gguf
import numpy as np

path = sys.argv[1] if len(sys.argv) > 1 else "tiny.gguf"
n_embd, n_layer, n_head, n_ff, n_ctx = 64, 2, 4, 128, 16384
rng = np.random.default_rng(0)

tokens, scores, types = [b"<unk>", b"<s>", b"</s>"], [0.0, 0.0, 0.0], [2, 3, 3]
for b in range(256):
    tokens.append(f"<0x{b:02X}>".encode())
    scores.append(0.0)
    types.append(6)
words = [
    "\u2581" + w
    for w in [
        "the",
        "a",
        "and",
        "of",
        "to",
        "in",
        "I",
        "we",
        "it",
        "is",
        "was",
        "that",
        "for",
        "on",
        "with",
        "as",
        "our",
        "my",
    ]
]
words += ["\u2581"] + [chr(c) for c in range(ord("a"), ord("z") + 1)]
for i, w in enumerate(words):
    tokens.append(w.encode())
    scores.append(-float(i))
    types.append(1)
n_vocab = len(tokens)

w = gguf.GGUFWriter(path, "llama")
w.add_name("tiny-random")
w.add_context_length(n_ctx)
w.add_embedding_length(n_embd)
w.add_block_count(n_layer)
w.add_feed_forward_length(n_ff)
w.add_head_count(n_head)
w.add_head_count_kv(n_head)
w.add_layer_norm_rms_eps(1e-5)
w.add_rope_dimension_count(n_embd // n_head)
w.add_file_type(gguf.LlamaFileType.ALL_F32)
w.add_tokenizer_model("llama")
w.add_token_list(tokens)
w.add_token_scores(scores)
w.add_token_types(types)
w.add_bos_token_id(1)
w.add_eos_token_id(2)
w.add_unk_token_id(0)
w.add_add_bos_token(True)
w.add_chat_template(
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def t(name, *shape):
    w.add_tensor(name, (rng.standard_normal(shape) * 0.05).astype(np.float32))


t("token_embd.weight", n_vocab, n_embd)
w.add_tensor("output_norm.weight", np.ones(n_embd, dtype=np.float32))
t("output.weight", n_vocab, n_embd)
for i in range(n_layer):
    w.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(n_embd, dtype=np.float32))
    w.add_tensor(f"blk.{i}.ffn_norm.weight", np.ones(n_embd, dtype=np.float32))
    for n in ("attn_q", "attn_k", "attn_v", "attn_output"):
        t(f"blk.{i}.{n}.weight", n_embd, n_embd)
    t(f"blk.{i}.ffn_gate.weight", n_ff, n_embd)
    t(f"blk.{i}.ffn_up.weight", n_ff, n_embd)
    t(f"blk.{i}.ffn_down.weight", n_embd, n_ff)
w.write_header_to_file()
w.write_kv_data_to_file()
w.write_tensors_to_file()
w.close()
print(path, n_vocab)
