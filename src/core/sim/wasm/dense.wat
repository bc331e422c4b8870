;; Part of conv-events.wat (included where that file says so): dense rows for analog inputs, and the bias.
;; Dense rows for analog inputs (../dense.ts): for each of `rows` im2col rows of K floats at `col`,
;; out[r·outStride + o] = bias[o] + Σ_k col[r·K + k] · w[k·oPer + o] for o < oPer, the products added in
;; k order and k with col = 0 skipped (as the event kernels skip zero inputs), four outputs at a time in a
;; register. Returns the synaptic ops: non-zero inputs × oPer.
  (func (export "gemm_rows") (param $col i32) (param $K i32) (param $rows i32) (param $w i32) (param $oPer i32)
    (param $bias i32) (param $out i32) (param $outStride i32) (result f64)
    (local $r i32) (local $o i32) (local $k i32) (local $row i32) (local $dst i32) (local $a f32) (local $acc v128)
    (local $s f32) (local $nz i32) (local $ops f64) (local $o4 i32)
    (local.set $o4 (i32.and (local.get $oPer) (i32.const -4)))
    (block $doneR (loop $nextR
      (br_if $doneR (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $row (i32.add (local.get $col) (i32.shl (i32.mul (local.get $r) (local.get $K)) (i32.const 2))))
      (local.set $dst (i32.add (local.get $out) (i32.shl (i32.mul (local.get $r) (local.get $outStride)) (i32.const 2))))
      ;; the synaptic ops of this row: its non-zero inputs
      (local.set $nz (i32.const 0))
      (local.set $k (i32.const 0))
      (block $doneN (loop $nextN
        (br_if $doneN (i32.ge_u (local.get $k) (local.get $K)))
        (if (f32.ne (f32.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 2)))) (f32.const 0))
          (then (local.set $nz (i32.add (local.get $nz) (i32.const 1)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $nextN)))
      (local.set $ops (f64.add (local.get $ops)
        (f64.mul (f64.convert_i32_u (local.get $nz)) (f64.convert_i32_u (local.get $oPer)))))
      ;; four outputs at a time
      (local.set $o (i32.const 0))
      (block $done4 (loop $next4
        (br_if $done4 (i32.ge_u (local.get $o) (local.get $o4)))
        (local.set $acc (v128.load (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 2)))))
        (local.set $k (i32.const 0))
        (block $doneK (loop $nextK
          (br_if $doneK (i32.ge_u (local.get $k) (local.get $K)))
          (local.set $a (f32.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 2)))))
          (if (f32.ne (local.get $a) (f32.const 0)) (then
            (local.set $acc (f32x4.add (local.get $acc)
              (f32x4.mul (f32x4.splat (local.get $a))
                (v128.load (i32.add (local.get $w)
                  (i32.shl (i32.add (i32.mul (local.get $k) (local.get $oPer)) (local.get $o)) (i32.const 2)))))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $nextK)))
        (v128.store (i32.add (local.get $dst) (i32.shl (local.get $o) (i32.const 2))) (local.get $acc))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $next4)))
      ;; the rest, one output at a time
      (block $done1 (loop $next1
        (br_if $done1 (i32.ge_u (local.get $o) (local.get $oPer)))
        (local.set $s (f32.load (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 2)))))
        (local.set $k (i32.const 0))
        (block $doneK1 (loop $nextK1
          (br_if $doneK1 (i32.ge_u (local.get $k) (local.get $K)))
          (local.set $a (f32.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 2)))))
          (if (f32.ne (local.get $a) (f32.const 0)) (then
            (local.set $s (f32.add (local.get $s)
              (f32.mul (local.get $a)
                (f32.load (i32.add (local.get $w)
                  (i32.shl (i32.add (i32.mul (local.get $k) (local.get $oPer)) (local.get $o)) (i32.const 2)))))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $nextK1)))
        (f32.store (i32.add (local.get $dst) (i32.shl (local.get $o) (i32.const 2))) (local.get $s))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $next1)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $nextR)))
    (local.get $ops))

  ;; Every output row ($rows rows of $outC floats at $out) gets the bias ($outC floats at $b).
  (func (export "fill_bias") (param $out i32) (param $rows i32) (param $b i32) (param $outC i32)
    (local $q i32) (local $i i32) (local $rowBytes i32) (local $end4 i32)
    (local.set $rowBytes (i32.shl (local.get $outC) (i32.const 2)))
    (local.set $end4 (i32.shl (i32.and (local.get $outC) (i32.const -4)) (i32.const 2)))
    (block $doneQ (loop $nextQ
      (br_if $doneQ (i32.ge_u (local.get $q) (local.get $rows)))
      (local.set $i (i32.const 0))
      (block $done4 (loop $next4
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (v128.store (i32.add (local.get $out) (local.get $i)) (v128.load (i32.add (local.get $b) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next4)))
      (block $done1 (loop $next1
        (br_if $done1 (i32.ge_u (local.get $i) (local.get $rowBytes)))
        (f32.store (i32.add (local.get $out) (local.get $i)) (f32.load (i32.add (local.get $b) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next1)))
      (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $nextQ))))
