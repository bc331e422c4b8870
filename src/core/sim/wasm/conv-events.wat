;; Event-driven convolution over channel-last (HWC) float32 tensors with 128-bit SIMD (f32x4).
;; The input arrives as per-channel event lists: channel c's events are pos/val/smp[c·stride .. c·stride + count[c]),
;; pos = iy << 16 | ix, smp = the byte offset of the event's sample in the output (a batch of samples at once).
;; For each input channel c and kernel offset (ky, kx), `targets` finds where each event of c lands in the
;; output; `accumulate` then adds value × W[c][ky][kx][·] to those output rows, holding a 32-wide slice of the
;; weight row in registers while it walks the events. Per output element the additions come in the order
;; (c, ky, kx, event), the same as convEventsJs in ../kernels.ts, so the results are bit-identical.
;; Weights: [c][ky][kx][o within the group]. `out` arrives holding the bias. Returns the synaptic ops.
(module
  (memory (export "memory") 1)

  ;; Output byte addresses (tgt) and values (tv) of the events of one channel under one kernel offset.
  (func $targets
    (param $pos i32) (param $val i32) (param $smp i32) (param $s0 i32) (param $s1 i32) (param $tgt i32) (param $tv i32)
    (param $offY i32) (param $offX i32) (param $sh i32) (param $sw i32) (param $outH i32) (param $outW i32)
    (param $rowBytes i32) (param $base i32)
    (result i32)
    (local $s i32) (local $p i32) (local $ny i32) (local $nx i32) (local $n i32)
    (local.set $s (local.get $s0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $s) (local.get $s1)))
      (local.set $p (i32.load (i32.add (local.get $pos) (i32.shl (local.get $s) (i32.const 2)))))
      (local.set $ny (i32.add (i32.shr_u (local.get $p) (i32.const 16)) (local.get $offY)))
      (local.set $nx (i32.add (i32.and (local.get $p) (i32.const 0xffff)) (local.get $offX)))
      (block $skip
        (br_if $skip (i32.lt_s (local.get $ny) (i32.const 0)))
        (br_if $skip (i32.lt_s (local.get $nx) (i32.const 0)))
        (if (i32.ne (local.get $sh) (i32.const 1)) (then
          (br_if $skip (i32.rem_u (local.get $ny) (local.get $sh)))
          (local.set $ny (i32.div_u (local.get $ny) (local.get $sh)))))
        (if (i32.ne (local.get $sw) (i32.const 1)) (then
          (br_if $skip (i32.rem_u (local.get $nx) (local.get $sw)))
          (local.set $nx (i32.div_u (local.get $nx) (local.get $sw)))))
        (br_if $skip (i32.ge_s (local.get $ny) (local.get $outH)))
        (br_if $skip (i32.ge_s (local.get $nx) (local.get $outW)))
        (i32.store (i32.add (local.get $tgt) (i32.shl (local.get $n) (i32.const 2)))
          (i32.add (i32.add (local.get $base) (i32.load (i32.add (local.get $smp) (i32.shl (local.get $s) (i32.const 2)))))
            (i32.mul (i32.add (i32.mul (local.get $ny) (local.get $outW)) (local.get $nx)) (local.get $rowBytes))))
        (f32.store (i32.add (local.get $tv) (i32.shl (local.get $n) (i32.const 2)))
          (f32.load (i32.add (local.get $val) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1))))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $next)))
    (local.get $n))

  ;; out[tgt[t] + o] += tv[t] · w[o] for t < n, o < width (width in floats).
  (func $accumulate (param $tgt i32) (param $tv i32) (param $n i32) (param $w i32) (param $width i32)
    (local $o i32) (local $end i32) (local $t i32) (local $a i32) (local $vv v128) (local $v f32) (local $wo f32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local $w4 v128) (local $w5 v128) (local $w6 v128) (local $w7 v128)
    (local.set $end (i32.shl (local.get $width) (i32.const 2)))
    ;; 32 floats at a time, the weight slice in eight registers
    (block $done32 (loop $next32
      (br_if $done32 (i32.gt_u (i32.add (local.get $o) (i32.const 128)) (local.get $end)))
      (local.set $a (i32.add (local.get $w) (local.get $o)))
      (local.set $w0 (v128.load offset=0 (local.get $a)))
      (local.set $w1 (v128.load offset=16 (local.get $a)))
      (local.set $w2 (v128.load offset=32 (local.get $a)))
      (local.set $w3 (v128.load offset=48 (local.get $a)))
      (local.set $w4 (v128.load offset=64 (local.get $a)))
      (local.set $w5 (v128.load offset=80 (local.get $a)))
      (local.set $w6 (v128.load offset=96 (local.get $a)))
      (local.set $w7 (v128.load offset=112 (local.get $a)))
      (local.set $t (i32.const 0))
      (block $doneT (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $a (i32.add (i32.load (i32.add (local.get $tgt) (i32.shl (local.get $t) (i32.const 2)))) (local.get $o)))
        (local.set $vv (f32x4.splat (f32.load (i32.add (local.get $tv) (i32.shl (local.get $t) (i32.const 2))))))
        (v128.store offset=0 (local.get $a) (f32x4.add (v128.load offset=0 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w0))))
        (v128.store offset=16 (local.get $a) (f32x4.add (v128.load offset=16 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w1))))
        (v128.store offset=32 (local.get $a) (f32x4.add (v128.load offset=32 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w2))))
        (v128.store offset=48 (local.get $a) (f32x4.add (v128.load offset=48 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w3))))
        (v128.store offset=64 (local.get $a) (f32x4.add (v128.load offset=64 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w4))))
        (v128.store offset=80 (local.get $a) (f32x4.add (v128.load offset=80 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w5))))
        (v128.store offset=96 (local.get $a) (f32x4.add (v128.load offset=96 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w6))))
        (v128.store offset=112 (local.get $a) (f32x4.add (v128.load offset=112 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w7))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (br $next32)))
    ;; 4 floats at a time
    (block $done4 (loop $next4
      (br_if $done4 (i32.gt_u (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
      (local.set $w0 (v128.load (i32.add (local.get $w) (local.get $o))))
      (local.set $t (i32.const 0))
      (block $doneT (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $a (i32.add (i32.load (i32.add (local.get $tgt) (i32.shl (local.get $t) (i32.const 2)))) (local.get $o)))
        (local.set $vv (f32x4.splat (f32.load (i32.add (local.get $tv) (i32.shl (local.get $t) (i32.const 2))))))
        (v128.store (local.get $a) (f32x4.add (v128.load (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w0))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next4)))
    ;; the rest, one float at a time
    (block $done1 (loop $next1
      (br_if $done1 (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $wo (f32.load (i32.add (local.get $w) (local.get $o))))
      (local.set $t (i32.const 0))
      (block $doneT (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $a (i32.add (i32.load (i32.add (local.get $tgt) (i32.shl (local.get $t) (i32.const 2)))) (local.get $o)))
        (local.set $v (f32.load (i32.add (local.get $tv) (i32.shl (local.get $t) (i32.const 2)))))
        (f32.store (local.get $a) (f32.add (f32.load (local.get $a)) (f32.mul (local.get $v) (local.get $wo))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $next1))))

  (func (export "conv_events")
    (param $pos i32) (param $val i32) (param $smp i32) (param $count i32) (param $stride i32) (param $tgt i32) (param $tv i32)
    (param $w i32) (param $out i32)
    (param $inC i32) (param $outH i32) (param $outW i32) (param $outC i32)
    (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32)
    (param $ph i32) (param $pw i32) (param $dh i32) (param $dw i32) (param $groups i32)
    (result f64)
    (local $cPer i32) (local $oPer i32) (local $c i32) (local $ky i32) (local $kx i32) (local $s0 i32) (local $s1 i32)
    (local $base i32) (local $wrow i32) (local $n i32) (local $ops f64)
    (local.set $cPer (i32.div_u (local.get $inC) (local.get $groups)))
    (local.set $oPer (i32.div_u (local.get $outC) (local.get $groups)))
    (local.set $wrow (local.get $w))
    (block $doneC (loop $nextC
      (br_if $doneC (i32.ge_u (local.get $c) (local.get $inC)))
      (local.set $s0 (i32.mul (local.get $c) (local.get $stride)))
      (local.set $s1 (i32.add (local.get $s0) (i32.load (i32.add (local.get $count) (i32.shl (local.get $c) (i32.const 2))))))
      ;; output byte address of this channel's group at position 0
      (local.set $base (i32.add (local.get $out)
        (i32.shl (i32.mul (i32.div_u (local.get $c) (local.get $cPer)) (local.get $oPer)) (i32.const 2))))
      (local.set $ky (i32.const 0))
      (block $doneKY (loop $nextKY
        (br_if $doneKY (i32.ge_u (local.get $ky) (local.get $kh)))
        (local.set $kx (i32.const 0))
        (block $doneKX (loop $nextKX
          (br_if $doneKX (i32.ge_u (local.get $kx) (local.get $kw)))
          (if (i32.lt_u (local.get $s0) (local.get $s1)) (then
            (local.set $n (call $targets (local.get $pos) (local.get $val) (local.get $smp) (local.get $s0) (local.get $s1)
              (local.get $tgt) (local.get $tv)
              (i32.sub (local.get $ph) (i32.mul (local.get $ky) (local.get $dh)))
              (i32.sub (local.get $pw) (i32.mul (local.get $kx) (local.get $dw)))
              (local.get $sh) (local.get $sw) (local.get $outH) (local.get $outW)
              (i32.shl (local.get $outC) (i32.const 2)) (local.get $base)))
            (call $accumulate (local.get $tgt) (local.get $tv) (local.get $n) (local.get $wrow) (local.get $oPer))
            (local.set $ops (f64.add (local.get $ops)
              (f64.mul (f64.convert_i32_u (local.get $n)) (f64.convert_i32_u (local.get $oPer)))))))
          (local.set $wrow (i32.add (local.get $wrow) (i32.shl (local.get $oPer) (i32.const 2))))
          (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
          (br $nextKX)))
        (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
        (br $nextKY)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $nextC)))
    (local.get $ops)))
